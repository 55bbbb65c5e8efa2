"""매컬러–피츠 인공 뉴런으로 논리 연산을 하는 네 가지 네트워크를 만든다.

이 모듈은 docs/logic.md(10.1.2 뉴런을 사용한 논리 연산) 페이지에 실린다.
"""

# --8<-- [start:neuron]
def mcculloch_pitts(excitatory, inhibitory=(), threshold=2):
    """매컬러–피츠 뉴런의 출력(0 또는 1).

    억제성 입력이 하나라도 켜져 있으면 발화하지 않는다. 그렇지 않으면
    켜진 흥분성 입력이 threshold개 이상일 때 발화한다.
    """
    if any(inhibitory):
        return 0
    return int(sum(excitatory) >= threshold)
# --8<-- [end:neuron]


# --8<-- [start:networks]
from itertools import product

# 연결 하나 = (보내는 뉴런, 종류). "+"는 흥분성, "-"는 억제성 연결
NETWORKS = {
    "identity": ("① 항등: C = A", [("A", "+"), ("A", "+")]),
    "and": ("② 논리곱: C = A AND B", [("A", "+"), ("B", "+")]),
    "or": ("③ 논리합: C = A OR B",
           [("A", "+"), ("A", "+"), ("B", "+"), ("B", "+")]),
    "and_not": ("④ C = A AND NOT B",
                [("A", "+"), ("A", "+"), ("B", "-")]),
}


def run_network(connections, inputs):
    """입력 뉴런의 값(예: {"A": 1, "B": 0})을 넣었을 때 뉴런 C의 출력."""
    excitatory = [inputs[src] for src, kind in connections
                  if kind == "+"]
    inhibitory = [inputs[src] for src, kind in connections
                  if kind == "-"]
    return mcculloch_pitts(excitatory, inhibitory)


def truth_table(connections):
    """입력 뉴런 값의 모든 조합에 대한 (입력 dict, C) 목록."""
    names = sorted({src for src, _ in connections})
    rows = []
    for values in product([0, 1], repeat=len(names)):
        inputs = dict(zip(names, values))
        rows.append((inputs, run_network(connections, inputs)))
    return rows


def print_truth_table(title, connections):
    """진리표를 'A B | C' 모양으로 출력한다."""
    rows = truth_table(connections)
    print(title)
    print(" ".join(rows[0][0]), "| C")
    for inputs, c in rows:
        print(" ".join(str(v) for v in inputs.values()), "|", c)
# --8<-- [end:networks]


# --8<-- [start:plot]
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴(나눔고딕)
from matplotlib.patches import Circle, FancyArrowPatch

# 흥분성 연결은 화살표, 억제성 연결은 끝이 막힌 빨간 선
STYLES = {
    "+": dict(arrow="-|>", color="#212529", gid="excitatory"),
    "-": dict(arrow="-[, widthB=0.5, lengthB=0.15", color="#c92a2a",
              gid="inhibitory"),
}


def draw_network(ax, title, connections):
    """입력 뉴런(왼쪽)과 출력 뉴런 C(오른쪽), 그 사이의 연결을 그린다."""
    names = sorted({src for src, _ in connections})
    ys = [0.0] if len(names) == 1 else [0.7, -0.7]
    nodes = {name: Circle((0, y), 0.28) for name, y in zip(names, ys)}
    nodes["C"] = Circle((2.2, 0), 0.28)
    for name, node in nodes.items():
        node.set(facecolor="#e7f5ff", edgecolor="#1864ab", lw=1.5)
        ax.add_patch(node)
        ax.text(*node.center, name, ha="center", va="center",
                fontsize=13)

    for src in names:
        links = [kind for s, kind in connections if s == src]
        y = nodes[src].center[1]
        if len(links) == 1:
            bends = [0.0]
        elif y == 0:
            bends = [0.25, -0.25]
        else:  # 두 연결을 바깥쪽으로 휘어 다른 뉴런의 연결과 겹치지 않게
            side = -1 if y > 0 else 1
            bends = [0.35 * side, 0.1 * side]
        for kind, bend in zip(links, bends):
            style = STYLES[kind]
            ax.add_patch(FancyArrowPatch(
                nodes[src].center, nodes["C"].center,
                patchA=nodes[src], patchB=nodes["C"],
                connectionstyle=f"arc3,rad={bend}",
                arrowstyle=style["arrow"], color=style["color"],
                mutation_scale=14, lw=1.5, gid=style["gid"]))
    ax.set_title(title, fontsize=12)
    ax.set_xlim(-0.5, 2.7)
    ax.set_ylim(-1.1, 1.1)
    ax.set_aspect("equal")
    ax.axis("off")


def plot_networks(networks=NETWORKS):
    """네트워크마다 패널 하나씩, 2×2로 그린 Figure를 돌려준다."""
    fig, axes = plt.subplots(2, 2, figsize=(5, 4.4))
    for ax, (title, connections) in zip(axes.flat, networks.values()):
        draw_network(ax, title, connections)
    fig.text(0.5, -0.04, "화살표: 흥분성 연결   끝이 막힌 빨간 선: 억제성 연결\n"
             "C는 켜진 흥분성 입력이 2개 이상일 때 켜진다",
             ha="center", fontsize=11)
    return fig
# --8<-- [end:plot]


# --8<-- [start:ex_count]
def count_active(connections, inputs):
    """C에 들어오는 (켜진 흥분성 입력 수, 켜진 억제성 입력 수)."""
    on = sum(inputs[src] for src, kind in connections if kind == "+")
    blocked = sum(inputs[src] for src, kind in connections
                  if kind == "-")
    return on, blocked
# --8<-- [end:ex_count]


# --8<-- [start:ex_single]
def single_neuron_networks(max_links=3):
    """A와 B에서 C로 흥분성 연결 0~max_links개, 억제성 연결 0~1개씩을
    보내는 연결 목록을 모두 만든다."""
    counts = range(max_links + 1)
    for ea, eb, ia, ib in product(counts, counts, [0, 1], [0, 1]):
        yield ([("A", "+")] * ea + [("B", "+")] * eb
               + [("A", "-")] * ia + [("B", "-")] * ib)


def outputs_for_ab(connections):
    """(A, B) = (0, 0), (0, 1), (1, 0), (1, 1)일 때 C의 출력 목록."""
    return [run_network(connections, {"A": a, "B": b})
            for a, b in product([0, 1], repeat=2)]
# --8<-- [end:ex_single]


# --8<-- [start:ex_xor_network]
def rewire(connections, names):
    """연결 목록에서 보내는 뉴런의 이름을 names에 따라 바꾼다."""
    return [(names.get(src, src), kind) for src, kind in connections]


_, AND_NOT = NETWORKS["and_not"]  # C = A AND NOT B
_, OR = NETWORKS["or"]            # C = A OR B

# (뉴런 이름, 그 뉴런으로 들어오는 연결): 위에서부터 차례로 계산한다
XOR_NETWORK = [
    ("D", AND_NOT),                                # D = A AND NOT B
    ("E", rewire(AND_NOT, {"A": "B", "B": "A"})),  # E = B AND NOT A
    ("C", rewire(OR, {"A": "D", "B": "E"})),       # C = D OR E
]


def run_neurons(neurons, inputs):
    """뉴런을 차례로 계산해 입력과 모든 뉴런의 값을 담은 dict를 돌려준다."""
    values = dict(inputs)
    for name, connections in neurons:
        values[name] = run_network(connections, values)
    return values
# --8<-- [end:ex_xor_network]


# --8<-- [start:ex_xor_plot]
XOR_LAYOUT = {"A": (0, 0.7), "B": (0, -0.7), "D": (2.2, 0.7),
              "E": (2.2, -0.7), "C": (4.4, 0)}
XOR_NOTES = {"D": ("A AND NOT B", 0.45), "E": ("B AND NOT A", -0.45),
             "C": ("D OR E", -0.45)}


def plot_xor_network(neurons=XOR_NETWORK, layout=XOR_LAYOUT,
                     notes=XOR_NOTES):
    """뉴런이 두 층으로 놓인 XOR 네트워크를 그린 Figure를 돌려준다."""
    fig, ax = plt.subplots(figsize=(5, 2.9))
    nodes = {}
    for name, (x, y) in layout.items():
        nodes[name] = Circle((x, y), 0.28, facecolor="#e7f5ff",
                             edgecolor="#1864ab", lw=1.5)
        ax.add_patch(nodes[name])
        ax.text(x, y, name, ha="center", va="center", fontsize=13)
        if name in notes:
            note, dy = notes[name]
            ax.text(x, y + dy, note, ha="center",
                    va="bottom" if dy > 0 else "top", fontsize=11)

    for dst, connections in neurons:
        for src in dict.fromkeys(s for s, _ in connections):
            links = [kind for s, kind in connections if s == src]
            bends = [0.0] if len(links) == 1 else [0.18, -0.18]
            for kind, bend in zip(links, bends):
                style = STYLES[kind]
                ax.add_patch(FancyArrowPatch(
                    nodes[src].center, nodes[dst].center,
                    patchA=nodes[src], patchB=nodes[dst],
                    connectionstyle=f"arc3,rad={bend}",
                    arrowstyle=style["arrow"], color=style["color"],
                    mutation_scale=14, lw=1.5, gid=style["gid"]))
    ax.set_xlim(-0.5, 4.9)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.text(0.5, 0.02, "화살표: 흥분성 연결   끝이 막힌 선: 억제성 연결",
             ha="center", fontsize=11)
    return fig
# --8<-- [end:ex_xor_plot]


def main():
    # --8<-- [start:neuron_usage]
    print("흥분성 입력 하나만 켜짐:", mcculloch_pitts([1, 0]))
    print("흥분성 입력 둘이 켜짐:", mcculloch_pitts([1, 1]))
    print("흥분성 셋 + 억제성 하나가 켜짐:", mcculloch_pitts([1, 1, 1], [1]))
    # --8<-- [end:neuron_usage]

    # --8<-- [start:plot_usage]
    fig = plot_networks()
    # --8<-- [end:plot_usage]

    # --8<-- [start:tables_usage]
    for title, connections in NETWORKS.values():
        print_truth_table(title, connections)
        print()
    # --8<-- [end:tables_usage]

    # --8<-- [start:not_usage]
    title, connections = NETWORKS["and_not"]
    for b in (0, 1):
        c = run_network(connections, {"A": 1, "B": b})
        print(f"A = 1 고정, B = {b} → C = {c}")
    # --8<-- [end:not_usage]

    # --8<-- [start:ex_count_usage]
    for title, connections in NETWORKS.values():
        print(title)
        for inputs, c in truth_table(connections):
            on, blocked = count_active(connections, inputs)
            row = " ".join(f"{name}={v}" for name, v in inputs.items())
            print(f"  {row}: 흥분성 {on}개, 억제성 {blocked}개 → C = {c}")
            assert c == int(on >= 2 and blocked == 0)
    # --8<-- [end:ex_count_usage]

    # --8<-- [start:ex_single_usage]
    tables = [outputs_for_ab(c) for c in single_neuron_networks()]
    print(f"살펴본 네트워크: {len(tables)}개")
    print("나온 진리표((A, B) = 00, 01, 10, 11 순서):")
    for found in sorted(set(map(tuple, tables))):
        print(" ", list(found))
    assert [0, 1, 1, 0] not in tables  # XOR은 하나도 없다
    # --8<-- [end:ex_single_usage]

    # --8<-- [start:ex_xor_network_usage]
    xor_outputs = []
    print("A B | D E | C")
    for a, b in product([0, 1], repeat=2):
        values = run_neurons(XOR_NETWORK, {"A": a, "B": b})
        print(a, b, "|", values["D"], values["E"], "|", values["C"])
        xor_outputs.append(values["C"])
    assert xor_outputs == [0, 1, 1, 0]
    # --8<-- [end:ex_xor_network_usage]

    # --8<-- [start:ex_xor_plot_usage]
    xor_fig = plot_xor_network()
    # --8<-- [end:ex_xor_plot_usage]
    return fig


if __name__ == "__main__":
    main()
