"""시험용 도우미 모듈: 예제가 불러오는 값."""

# --8<-- [start:value]
VALUE = 21
# --8<-- [end:value]
