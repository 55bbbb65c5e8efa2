"""snippets/logic.py: 매컬러–피츠 뉴런과 네 논리 네트워크가 교재대로 동작하는지 확인한다."""

import matplotlib.pyplot as plt
import pytest

from snippets import logic


@pytest.mark.parametrize("excitatory, inhibitory, expected", [
    ([], [], 0),
    ([1], [], 0),
    ([1, 0, 0], [], 0),
    ([1, 1], [], 1),
    ([0, 1, 1], [], 1),
    ([1, 1, 1], [0], 1),
    ([1, 1, 1], [1], 0),
    ([1, 1], [0, 1], 0),
])
def test_neuron_rule(excitatory, inhibitory, expected):
    """흥분성 입력이 두 개 이상 켜지면 발화하고 억제성 입력 하나가 이를 막는지 확인한다."""
    assert logic.mcculloch_pitts(excitatory, inhibitory) == expected


def table(name):
    _, connections = logic.NETWORKS[name]
    return [(tuple(inputs.values()), c)
            for inputs, c in logic.truth_table(connections)]


@pytest.mark.parametrize("name, expected", [
    ("identity", [((0,), 0), ((1,), 1)]),
    ("and", [((0, 0), 0), ((0, 1), 0), ((1, 0), 0), ((1, 1), 1)]),
    ("or", [((0, 0), 0), ((0, 1), 1), ((1, 0), 1), ((1, 1), 1)]),
    ("and_not", [((0, 0), 0), ((0, 1), 0), ((1, 0), 1), ((1, 1), 0)]),
])
def test_truth_tables(name, expected):
    """네 네트워크의 진리표가 항등·AND·OR·A AND NOT B와 정확히 같은지 확인한다."""
    assert table(name) == expected


def test_identity_needs_both_connections():
    """항등 네트워크에서 A→C 연결을 하나만 남기면 C가 켜지지 않는지 확인한다."""
    assert logic.run_network([("A", "+")], {"A": 1}) == 0
    assert logic.run_network([("A", "+"), ("A", "+")], {"A": 1}) == 1


def test_and_not_with_a_always_on_is_not_b():
    """A가 늘 켜져 있으면 네 번째 네트워크가 NOT B가 되는지 확인한다."""
    _, connections = logic.NETWORKS["and_not"]
    outputs = [logic.run_network(connections, {"A": 1, "B": b})
               for b in (0, 1)]
    assert outputs == [1, 0]


def test_printed_truth_table(capsys):
    """진리표가 'A B | C' 머리글과 네 줄로 출력되는지 확인한다."""
    logic.print_truth_table("논리곱", logic.NETWORKS["and"][1])
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["논리곱", "A B | C", "0 0 | 0", "0 1 | 0", "1 0 | 0",
                     "1 1 | 1"]


def test_network_diagrams():
    """네 패널에 제목과 뉴런 이름, 네트워크마다 맞는 수의 흥분성·억제성 연결이 있는지 확인한다."""
    fig = logic.plot_networks()
    try:
        fig.canvas.draw()  # 한글 글리프가 없으면 경고 → 오류(pytest.ini)
        assert len(fig.axes) == 4
        expected = {"identity": (2, 0), "and": (2, 0), "or": (4, 0),
                    "and_not": (2, 1)}
        for ax, (name, (title, _)) in zip(fig.axes, logic.NETWORKS.items()):
            assert ax.get_title() == title
            gids = [p.get_gid() for p in ax.patches]
            assert (gids.count("excitatory"),
                    gids.count("inhibitory")) == expected[name]
            names = {t.get_text() for t in ax.texts}
            assert names == ({"A", "C"} if name == "identity"
                             else {"A", "B", "C"})
        assert "2개 이상" in fig.texts[0].get_text()
    finally:
        plt.close(fig)


def test_main_prints_all_tables(capsys):
    """main()이 네 진리표와 NOT B 결과를 출력하는지 확인한다."""
    before = set(plt.get_fignums())
    plt.close(logic.main())
    for number in set(plt.get_fignums()) - before:  # 연습 문제의 XOR 그림
        plt.close(number)
    out = capsys.readouterr().out
    for title, _ in logic.NETWORKS.values():
        assert title in out
    assert "A = 1 고정, B = 0 → C = 1" in out
    assert "A = 1 고정, B = 1 → C = 0" in out


# 연습 문제 -----------------------------------------------------------------

AB = [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_every_network_fires_at_two_active_excitatory_inputs():
    """네 네트워크 모두 켜진 흥분성 입력이 2개 이상이고 억제성 입력이 꺼졌을 때만 C가 켜지는지 확인한다."""
    for _, connections in logic.NETWORKS.values():
        for inputs, c in logic.truth_table(connections):
            on, blocked = logic.count_active(connections, inputs)
            assert c == int(on >= 2 and blocked == 0)
    # 켜진 흥분성 입력이 하나뿐이면 어느 네트워크에서도 C는 꺼져 있다
    fired_with = {logic.count_active(conn, inputs)[0]
                  for _, conn in logic.NETWORKS.values()
                  for inputs, c in logic.truth_table(conn) if c == 1}
    assert min(fired_with) == 2


def test_or_with_both_inputs_on_gets_four_excitatory_inputs():
    """논리합에서 A와 B가 모두 켜지면 흥분성 입력이 4개 들어오고 C가 켜지는지 확인한다."""
    _, connections = logic.NETWORKS["or"]
    assert logic.count_active(connections, {"A": 1, "B": 1}) == (4, 0)
    assert logic.count_active(connections, {"A": 1, "B": 0}) == (2, 0)
    assert logic.run_network(connections, {"A": 1, "B": 1}) == 1


def test_one_inhibitory_input_vetoes_any_number_of_excitatory_inputs():
    """A에서 흥분성 연결이 10개 와도 B의 억제성 연결 하나가 켜지면 C가 꺼지는지 확인한다."""
    connections = [("A", "+")] * 10 + [("B", "-")]
    assert logic.run_network(connections, {"A": 1, "B": 1}) == 0
    assert logic.run_network(connections, {"A": 1, "B": 0}) == 1
    assert logic.mcculloch_pitts([1] * 10, [1]) == 0
    # 억제가 하나를 빼는 것이었다면 켜졌을 것이다: 9 >= 2
    assert logic.mcculloch_pitts([1] * 9) == 1


@pytest.mark.parametrize("max_links", [3, 5])
def test_no_single_neuron_computes_xor(max_links):
    """흥분성·억제성 연결을 어떻게 골라도 뉴런 하나로는 XOR 진리표가 나오지 않는지 확인한다."""
    networks = list(logic.single_neuron_networks(max_links))
    assert len(networks) == (max_links + 1) ** 2 * 4
    tables = {tuple(logic.outputs_for_ab(c)) for c in networks}
    assert (0, 1, 1, 0) not in tables
    assert all(t[0] == 0 for t in tables)  # 입력이 모두 꺼지면 C도 꺼진다
    # AND, OR, A AND NOT B, 항등 A는 나온다
    assert {(0, 0, 0, 1), (0, 1, 1, 1), (0, 0, 1, 0), (0, 0, 1, 1)} <= tables
    assert len(tables) == 7


def test_single_neuron_search_prints_its_tables(capsys):
    """3번 답의 출력이 64개 네트워크와 7가지 진리표를 보여 주는지 확인한다."""
    tables = [logic.outputs_for_ab(c) for c in logic.single_neuron_networks()]
    assert len(tables) == 64
    plt.close(logic.main())
    plt.close("all")
    out = capsys.readouterr().out
    assert "살펴본 네트워크: 64개" in out
    assert "  [0, 1, 1, 0]" not in out
    assert "  [0, 1, 1, 1]" in out


def test_xor_network_truth_table():
    """D = A AND NOT B, E = B AND NOT A, C = D OR E가 되어 C가 XOR인지 확인한다."""
    rows = [logic.run_neurons(logic.XOR_NETWORK, {"A": a, "B": b})
            for a, b in AB]
    assert [r["C"] for r in rows] == [0, 1, 1, 0]
    assert [r["D"] for r in rows] == [a & (1 - b) for a, b in AB]
    assert [r["E"] for r in rows] == [b & (1 - a) for a, b in AB]


def test_xor_network_reuses_the_page_networks():
    """XOR 네트워크가 페이지의 A AND NOT B와 논리합 연결 목록을 이름만 바꿔 쓰는지 확인한다."""
    neurons = dict(logic.XOR_NETWORK)
    assert list(neurons) == ["D", "E", "C"]
    assert neurons["D"] == logic.NETWORKS["and_not"][1]
    assert neurons["E"] == [("B", "+"), ("B", "+"), ("A", "-")]
    assert neurons["C"] == [("D", "+"), ("D", "+"), ("E", "+"), ("E", "+")]


def test_xor_needs_both_middle_neurons():
    """가운데 뉴런 E를 빼면 C가 더는 XOR이 아닌지 확인한다."""
    without_e = [("D", logic.NETWORKS["and_not"][1]),
                 ("C", [("D", "+"), ("D", "+")])]
    outputs = [logic.run_neurons(without_e, {"A": a, "B": b})["C"]
               for a, b in AB]
    assert outputs == [0, 0, 1, 0]


def test_xor_network_diagram():
    """XOR 그림에 뉴런 다섯 개와 흥분성 연결 8개, 억제성 연결 2개가 있는지 확인한다."""
    fig = logic.plot_xor_network()
    try:
        fig.canvas.draw()  # 한글 글리프가 없으면 경고 → 오류(pytest.ini)
        (ax,) = fig.axes
        gids = [p.get_gid() for p in ax.patches]
        assert (gids.count("excitatory"), gids.count("inhibitory")) == (8, 2)
        texts = {t.get_text() for t in ax.texts}
        assert {"A", "B", "C", "D", "E"} <= texts
        assert {"A AND NOT B", "B AND NOT A", "D OR E"} <= texts
        assert fig.get_size_inches()[0] <= 5
        assert all(t.get_fontsize() >= 10 for t in ax.texts + fig.texts)
        # 입력 → 가운데 → 출력: 왼쪽에서 오른쪽으로
        x = {n: c[0] for n, c in logic.XOR_LAYOUT.items()}
        assert x["A"] == x["B"] < x["D"] == x["E"] < x["C"]
    finally:
        plt.close(fig)
