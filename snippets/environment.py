"""실행 환경(라이브러리 버전, CPU, GPU)을 점검하고 케라스가 훈련할 장치를 고른다.

이 모듈은 docs/environment.md(실행 환경) 페이지에 실린다. 장(章)의 케라스 예제는
장치를 고르지 않는다(케라스가 보이는 GPU를 알아서 쓴다).
"""

# --8<-- [start:device]
import warnings

import tensorflow as tf


def training_device():
    """케라스가 훈련할 장치 이름('/GPU:0' 또는 '/CPU:0')을 돌려준다.

    GPU가 보이면 메모리를 필요한 만큼만 쓰게 하고, 작은 연산을 실제로 GPU에
    올려 본다. 드라이버가 망가져 쓸 수 없으면 경고를 내고 CPU를 고른다.
    """
    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return "/CPU:0"
    try:
        for gpu in gpus:
            tf.config.experimental.set_memory_growth(gpu, True)
    except (RuntimeError, ValueError):
        pass  # 이미 초기화된 GPU에는 설정을 바꿀 수 없다(동작에는 지장 없음)
    try:
        with tf.device("/GPU:0"):
            probe = tf.reduce_sum(tf.ones((2, 2)))
        if probe.device.endswith("GPU:0") and float(probe) == 4.0:
            return "/GPU:0"
        problem = f"연산이 {probe.device}에 놓였습니다"
    except (RuntimeError, tf.errors.OpError) as err:
        problem = f"{type(err).__name__}: {err}"
    warnings.warn(f"GPU {len(gpus)}개가 보이지만 쓸 수 없어 CPU로 훈련합니다 "
                  f"({problem})", RuntimeWarning, stacklevel=2)
    return "/CPU:0"
# --8<-- [end:device]


# --8<-- [start:report]
import os
import platform
from importlib.metadata import version


def cpu_name():
    """CPU 모델 이름(리눅스는 /proc/cpuinfo에서 읽는다)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return platform.processor() or platform.machine()


def environment_report():
    """라이브러리 버전과 CPU·GPU 정보를 담은 딕셔너리를 돌려준다."""
    gpus = []
    for gpu in tf.config.list_physical_devices("GPU"):
        details = tf.config.experimental.get_device_details(gpu)
        capability = details.get("compute_capability")
        gpus.append({
            "name": details.get("device_name", gpu.name),
            "compute_capability": ".".join(map(str, capability))
            if capability else None,
        })
    device = training_device()
    return {
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": version("keras"),
        "numpy": version("numpy"),
        "scikit-learn": version("scikit-learn"),
        "built_with_cuda": tf.test.is_built_with_cuda(),
        "gpus": gpus,
        "training_device": device,
        "gpu_usable": device.startswith("/GPU"),
        "cpu": cpu_name(),
        "cpu_count": os.cpu_count(),
        "platform": f"{platform.system()} {platform.release()}",
        "cuda_visible_devices": os.environ.get("CUDA_VISIBLE_DEVICES"),
    }


def print_report(report):
    """보고서를 한국어 요약으로 출력한다."""
    print("파이썬", report["python"], "·", report["platform"])
    for name in ("tensorflow", "keras", "numpy", "scikit-learn"):
        print(f"  {name:<13}{report[name]}")
    print("CUDA 지원 빌드:", "예" if report["built_with_cuda"] else "아니요")
    print(f"CPU: {report['cpu']} ({report['cpu_count']}코어)")
    if report["gpus"]:
        for gpu in report["gpus"]:
            cc = gpu["compute_capability"] or "알 수 없음"
            print(f"GPU: {gpu['name']} (compute capability {cc})")
        if not report["gpu_usable"]:
            print("GPU가 보이지만 쓸 수 없습니다. 드라이버와 CUDA를 확인하세요.")
    else:
        print("GPU: 없음 (텐서플로가 찾은 GPU가 없습니다)")
    print("케라스가 훈련할 장치:", report["training_device"])
# --8<-- [end:report]


def main():
    # --8<-- [start:report_usage]
    report = environment_report()
    print_report(report)
    # --8<-- [end:report_usage]


if __name__ == "__main__":
    main()
