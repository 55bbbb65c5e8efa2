"""시험용 예제 모듈: 값을 출력하고 선 하나를 그린다."""
# --8<-- [start:setup]
from snippets.helper import VALUE
# --8<-- [end:setup]


def main():
    # --8<-- [start:show]
    print("값:", VALUE * 2)
    # --8<-- [end:show]
    # --8<-- [start:draw]
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1], [VALUE, 0])
    # --8<-- [end:draw]
