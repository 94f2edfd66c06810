"""Rounding of amounts and quantities as accountants expect it: half away from zero, to a step
(0.01, 0.5, 1000...), immune to binary floats (2.675 rounds to 2.68, not 2.67)."""
from __future__ import annotations

import math


def float_round(value: float, precision_rounding: float = 0.01, rounding_method: str = "HALF-UP") -> float:
    """``value`` rounded to a multiple of ``precision_rounding``; methods HALF-UP, UP and DOWN
    (away from / towards zero for UP / DOWN)."""
    if precision_rounding <= 0:
        raise ValueError(f"precision_rounding must be positive, got {precision_rounding!r}")
    if not value:
        return 0.0
    steps = value / precision_rounding
    # an epsilon of a few ulps absorbs the binary error of the division (2.675 / 0.01 = 267.49999...)
    epsilon = 2 ** (math.frexp(steps)[1] - 50)
    sign = 1 if steps > 0 else -1
    magnitude = abs(steps)
    if rounding_method == "HALF-UP":
        whole = math.floor(magnitude + 0.5 + epsilon)
    elif rounding_method == "UP":
        whole = math.ceil(magnitude - epsilon)
    elif rounding_method == "DOWN":
        whole = math.floor(magnitude + epsilon)
    else:
        raise ValueError(f"unknown rounding_method {rounding_method!r}: use HALF-UP, UP or DOWN")
    digits = max(0, -math.floor(math.log10(precision_rounding))) if precision_rounding < 1 else 0
    return round(sign * whole * precision_rounding, digits + 1 if digits else 0) + 0.0


def float_is_zero(value: float, precision_rounding: float = 0.01) -> bool:
    """Whether ``value`` rounds to zero at ``precision_rounding``."""
    return float_round(value, precision_rounding) == 0.0


def float_compare(a: float, b: float, precision_rounding: float = 0.01) -> int:
    """-1, 0 or 1 as ``a`` is less than, equal to or greater than ``b`` once both are rounded."""
    delta = float_round(a, precision_rounding) - float_round(b, precision_rounding)
    if float_is_zero(delta, precision_rounding):
        return 0
    return -1 if delta < 0 else 1
