"""The units of 年度指标值 and 实际完成值, and the conversions inside a dimension.

A unit is read after its multiplier (万/亿/千, `values._MULTIPLIERS`) is taken off, so "20万元"
is 200 000 of 元 and "1.2万亩" 12 000 of 亩.  Two units compare when they share a dimension:
公里 and 米 do (1 公里 = 1000 米), 人 and 次 do not.  Counting units (个, 家, 人次 …) are each a
dimension of their own, because "2万人" and "1万次" count different things; spellings of the same
unit (個/个, 名/人, ㎡/平方米) share one.

Sources: the units of the published forms in tests/data/indicator_corpus.jsonl and the seeds;
the 市制 conversions (1 亩 = 2000/3 平方米, 1 斤 = 0.5 千克, 1 里 = 500 米) are those of the
State Council's 1984 order on legal units of measurement (国务院《关于在我国统一实行法定计量单位的命令》).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# Written forms of the percent sign and of "percent" as a unit word (normalised to "%").
PERCENT = "%"
_PERCENT_WORDS = ("%(百分比)", "%（百分比）", "百分比", "百分率", "百分之")


@dataclass(frozen=True)
class Unit:
    """A unit's dimension and its size in that dimension's base unit."""

    dimension: str
    factor: Decimal = Decimal(1)


def _same(dimension: str, *names: str, factor: Decimal = Decimal(1)) -> dict[str, Unit]:
    return {name: Unit(dimension, factor) for name in names}


# Counting units: one dimension each (aliases share it).  Persons: 人 名 位 (people counted).
_COUNTING = (
    "个 人次 次 例 组 家 户 项 场 份 篇 台 套 辆 批 批次 期 所 条 件 标箱 座 种 册 本 处 宗 起 单 笔 "
    "张 枚 棵 株 头 只 艘 架 粒 根 块 间 栋 幢 床 门 道 支 部 集 首 幅 卷 盏 眼 口 个次 户次 车次 "
    "班次 课时 学时 节 堂 批次 家次 人天 吨公里 单位 村 镇 乡 校 园 网点 站 点 段 片 对 副 双 把 盒 "
    "箱 袋 包 瓶 台套 套次 项次 篇次 份次 场次 期次 轮 届 类 所次 位次"
).split()

UNITS: dict[str, Unit] = {
    **{name: Unit(name) for name in _COUNTING},
    **_same("人", "人", "名", "位"),
    **_same("个", "个", "個"),
    **_same(PERCENT, PERCENT),
    **_same(PERCENT, "‰", factor=Decimal("0.1")),
    **_same("百分点", "个百分点", "百分点"),
    **_same("元", "元"),
    **_same("米", "米", "m"),
    **_same("米", "厘米", "cm", factor=Decimal("0.01")),
    **_same("米", "毫米", "mm", factor=Decimal("0.001")),
    **_same("米", "公里", "千米", "km", factor=Decimal(1000)),
    **_same("米", "里", factor=Decimal(500)),
    **_same("平方米", "平方米", "㎡", "m²", "m2"),
    **_same("平方米", "亩", factor=Decimal(2000) / Decimal(3)),
    **_same("平方米", "公顷", factor=Decimal(10000)),
    **_same("平方米", "平方公里", "平方千米", "km²", "km2", factor=Decimal(1000000)),
    **_same("千克", "千克", "公斤", "kg"),
    **_same("千克", "克", "g", factor=Decimal("0.001")),
    **_same("千克", "斤", factor=Decimal("0.5")),
    **_same("千克", "吨", "t", factor=Decimal(1000)),
    **_same("立方米", "立方米", "方", "m³", "m3"),
    **_same("立方米", "升", "L", factor=Decimal("0.001")),
    **_same("天", "天", "日", "自然日"),
    **_same("天", "周", "星期", factor=Decimal(7)),
    **_same("天", "小时", "h", factor=Decimal(1) / Decimal(24)),
    **_same("天", "分钟", "min", factor=Decimal(1) / Decimal(1440)),
    **_same("工作日", "工作日", "个工作日"),
    **_same("月", "月", "个月"),
    **_same("月", "年", "季度", factor=Decimal(12)),
    **_same("岁", "岁", "周岁"),
    **_same("倍", "倍"),
    **_same("分", "分"),
    **_same("GB", "GB"),
    **_same("千瓦", "千瓦", "kW"),
    **_same("千瓦时", "千瓦时", "度", "kWh"),
}
UNITS["季度"] = Unit("月", Decimal(3))
UNITS["年"] = Unit("月", Decimal(12))


# Multipliers written before a unit ("万元", "亿元", "万人") or alone ("300万"), longest first.
MULTIPLIERS: tuple[tuple[str, Decimal], ...] = (
    ("万亿", Decimal("1000000000000")),
    ("亿", Decimal("100000000")),
    ("千万", Decimal("10000000")),
    ("百万", Decimal("1000000")),
    ("万", Decimal("10000")),
    ("千", Decimal("1000")),
)


def canonical(unit: str) -> str:
    """The unit's usual spelling: "百分比" → "%", "个工作日" stays, "元/人*月" → "元/人·月"."""
    for word in _PERCENT_WORDS:
        if unit == word:
            return PERCENT
    return unit.replace("*", "·").replace("×", "·")


def lookup(unit: str) -> Unit | None:
    """The unit's dimension and size, or None for a unit this table does not know.

    A compound unit ("元/人", "万元/亩") is its own dimension; its numerator converts
    (the multiplier of "万元/人" has been applied by the parser already).
    """
    unit = canonical(unit)
    if unit in UNITS:
        return UNITS[unit]
    for word, factor in MULTIPLIERS:
        if unit.startswith(word):  # 千米, 千克 are in the table already
            rest = unit[len(word) :]
            base = lookup(rest) if rest else Unit("", Decimal(1))
            return None if base is None else Unit(base.dimension, base.factor * factor)
    if "/" in unit:
        top, _, bottom = unit.partition("/")
        if (top in UNITS or top == "") and bottom:  # "/亩": per 亩, the currency left off
            base = UNITS.get(top, Unit(""))
            return Unit(f"{base.dimension}/{bottom}", base.factor)
    return None


def known(unit: str) -> bool:
    return unit == "" or lookup(unit) is not None


def base_factor(unit: str) -> Decimal:
    """How many of the dimension's base unit one `unit` is (1 for a unit the table lacks)."""
    found = lookup(unit)
    return Decimal(1) if found is None else found.factor


def convert(number: Decimal, unit: str, to: str) -> Decimal | None:
    """`number` of `unit` in `to`, or None when the two are not of one dimension."""
    if canonical(unit) == canonical(to):
        return number
    a, b = lookup(unit), lookup(to)
    if a is None or b is None or a.dimension != b.dimension:
        return None
    return number * a.factor / b.factor
