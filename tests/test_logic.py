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
    plt.close(logic.main())
    out = capsys.readouterr().out
    for title, _ in logic.NETWORKS.values():
        assert title in out
    assert "A = 1 고정, B = 0 → C = 1" in out
    assert "A = 1 고정, B = 1 → C = 0" in out
