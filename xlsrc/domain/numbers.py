"""Decimal arithmetic of scores and money: half-up rounding and the way numbers are printed.

References:
    Excel's ROUND rounds half away from zero; the seeds' published figures
    (83.55%, 8.36, 94.16) are reproduced with ROUND_HALF_UP on Decimal.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


def quantize(value: Decimal, places: int) -> Decimal:
    """Round half up to `places` decimals, as Excel's ROUND does.

    The context's precision grows with the value, so a large quotient (a tiny target met many
    times over) is rounded rather than refused with InvalidOperation.
    """
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, value.adjusted() + places + 2)
        return value.quantize(ONE.scaleb(-places), rounding=ROUND_HALF_UP)


def fmt(value: Decimal) -> str:
    """Plain decimal text without trailing zeros or exponent: 8.60 → "8.6", 100 → "100"."""
    text = format(value.normalize(), "f")
    return text


def fmt_percent(rate: Decimal) -> str:
    """A share as a percentage with two decimals: 0.8355 → "83.55%"."""
    return f"{fmt(quantize(rate * HUNDRED, 2))}%"
