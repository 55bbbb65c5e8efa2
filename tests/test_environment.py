"""snippets/environment.py: 실행 환경 보고서와 훈련 장치 선택을 확인한다."""

import os
import platform
import subprocess
import sys
import textwrap

import keras
import numpy as np
from pathlib import Path

import pytest
import tensorflow as tf

from snippets import environment
from tests.helpers import ROOT

VISIBLE_GPUS = tf.config.list_physical_devices("GPU")


def test_report_matches_what_tensorflow_sees(capsys):
    """보고서의 버전·GPU 목록·CPU가 실제 환경과 같고 요약이 그대로 말하는지 확인한다."""
    report = environment.environment_report()
    assert report["tensorflow"] == tf.__version__
    assert report["keras"] == keras.__version__
    assert report["numpy"] == np.__version__
    assert len(report["gpus"]) == len(VISIBLE_GPUS)
    assert report["cpu_count"] == os.cpu_count()
    # the model name this machine's /proc/cpuinfo gives (or what platform says)
    models = [line.split(":", 1)[1].split() for line in
              Path("/proc/cpuinfo").read_text().splitlines()
              if line.startswith("model name")] if Path("/proc/cpuinfo").is_file() else []
    expected = " ".join(models[0]) if models else (platform.processor()
                                                   or platform.machine())
    assert report["cpu"] == expected
    environment.print_report(report)
    out = capsys.readouterr().out
    assert f"CPU: {report['cpu']} ({os.cpu_count()}코어)" in out
    if not VISIBLE_GPUS:
        assert "GPU: 없음" in out
        assert report["training_device"] == "/CPU:0"
        assert "케라스가 훈련할 장치: /CPU:0" in out


@pytest.mark.slow  # a cold TensorFlow import in a new process
def test_report_with_cuda_hidden():
    """CUDA_VISIBLE_DEVICES=-1이면 GPU가 없다고 하고 CPU를 고르는지 확인한다."""
    script = textwrap.dedent("""
        from snippets.environment import environment_report, print_report
        report = environment_report()
        assert report["gpus"] == [], report
        assert report["cuda_visible_devices"] == "-1"
        print_report(report)
    """)
    env = dict(os.environ, CUDA_VISIBLE_DEVICES="-1", TF_CPP_MIN_LOG_LEVEL="3",
               PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "GPU: 없음" in proc.stdout
    assert "케라스가 훈련할 장치: /CPU:0" in proc.stdout


@pytest.mark.skipif(bool(VISIBLE_GPUS), reason="this machine has a GPU")
def test_device_is_cpu_and_keras_trains_on_it():
    """GPU가 없으면 CPU 장치를 고르고 작은 케라스 모델이 그 장치에서 훈련되는지 확인한다."""
    device = environment.training_device()
    assert device == "/CPU:0"
    keras.utils.set_random_seed(0)
    X = np.random.default_rng(0).normal(size=(64, 3)).astype("float32")
    y = X @ np.array([1.0, -2.0, 0.5], dtype="float32")
    with tf.device(device):
        model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
        history = model.fit(X, y, epochs=5, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert "CPU" in model.weights[0].value.device


@pytest.mark.gpu
@pytest.mark.skipif(not VISIBLE_GPUS, reason="no GPU visible to TensorFlow here")
def test_tensor_is_placed_on_gpu():
    """GPU가 보이면 장치 선택이 GPU를 고르고 텐서가 GPU에 놓이는지 확인한다."""
    device = environment.training_device()
    assert device == "/GPU:0"
    with tf.device(device):
        x = tf.ones((4, 4)) @ tf.ones((4, 4))
    assert x.device.endswith("GPU:0")


def _fake_gpu(kind=None):
    gpu = tf.config.PhysicalDevice(name="/physical_device:GPU:0", device_type="GPU")
    return [gpu] if kind in (None, "GPU") else []


def _raise_internal(*args, **kwargs):
    raise tf.errors.InternalError(None, None, "CUDA_ERROR_NO_DEVICE (simulated)")


@pytest.mark.parametrize("break_op", [False, True], ids=["soft-placed", "op-error"])
def test_unusable_gpu_falls_back_to_cpu(monkeypatch, break_op):
    """목록에는 GPU가 있지만 쓸 수 없으면 경고와 함께 CPU를 고르는지 확인한다."""
    monkeypatch.setattr(tf.config, "list_physical_devices", _fake_gpu)
    monkeypatch.setattr(tf.config.experimental, "set_memory_growth",
                        lambda *a: (_ for _ in ()).throw(ValueError("fake")))
    if break_op:
        monkeypatch.setattr(tf, "reduce_sum", _raise_internal)
    with pytest.warns(RuntimeWarning, match="GPU 1개가 보이지만 쓸 수 없어") as rec:
        assert environment.training_device() == "/CPU:0"
    if break_op:
        assert "InternalError" in str(rec[0].message)


def test_print_report_says_when_gpu_is_unusable(capsys):
    """GPU가 보이지만 쓸 수 없는 보고서를 요약이 분명히 말하는지 확인한다."""
    report = {"python": "3.11", "platform": "Linux", "tensorflow": "2", "keras": "3",
              "numpy": "2", "scikit-learn": "1", "built_with_cuda": True,
              "cpu": "테스트 CPU", "cpu_count": 2, "training_device": "/CPU:0",
              "gpus": [{"name": "NVIDIA H200", "compute_capability": "9.0"}],
              "gpu_usable": False}
    environment.print_report(report)
    out = capsys.readouterr().out
    assert "GPU: NVIDIA H200 (compute capability 9.0)" in out
    assert "쓸 수 없습니다" in out
    assert "케라스가 훈련할 장치: /CPU:0" in out
