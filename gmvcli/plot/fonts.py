"""Fonts with Chinese glyphs, and the language a chart is labelled in.

Chinese labels need a font with CJK glyphs: `chart_lang` gives "zh" only when one is installed
(found through matplotlib's font list, then fontconfig). Otherwise the chart is labelled in English
and a one-line notice on stderr says why (`say_no_cjk`: never a silent switch).
"""

from __future__ import annotations

from functools import cache, lru_cache

#: fonts with CJK glyphs, in order of preference (Simplified Chinese forms first)
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans CJK TC",
    "Noto Sans CJK HK",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Source Han Sans",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "SimHei",
    "Songti SC",
    "SimSun",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "AR PL UMing TW",
    "Droid Sans Fallback",
    "Arial Unicode MS",
)
#: other families whose name says they cover CJK, tried after the list above
_CJK_HINTS = ("CJK", "Han Sans", "Han Serif", "WenQuanYi", "AR PL ", "Hei", "Song", "Ming")
#: characters a font must have to count as CJK: the ones the zh labels use most
_CJK_PROBE = "货架内容私域万亿优势抽样"
#: the font matplotlib ships, used for Latin text and as the fallback
LATIN = "DejaVu Sans"


@cache
def charmap(path: str) -> frozenset[int]:
    """The code points a font file has glyphs for (empty when it cannot be read)."""
    from matplotlib.ft2font import FT2Font

    try:
        return frozenset(FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()


def _fontconfig_cjk_files() -> list[str]:
    """Font files fontconfig says cover Chinese (`fc-list :lang=zh`); empty without fc-list."""
    import shutil
    import subprocess

    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        done = subprocess.run(
            [exe, "--format", "%{file}\\n", ":lang=zh"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.strip() for line in done.stdout.splitlines() if line.strip()})


def _scan_cjk() -> tuple[str, str] | None:
    from matplotlib import font_manager

    files: dict[str, str] = {}
    for entry in font_manager.fontManager.ttflist:
        files.setdefault(entry.name, str(entry.fname))
    hinted = sorted(n for n in files if n not in CJK_FONTS and any(h in n for h in _CJK_HINTS))
    probe = {ord(c) for c in _CJK_PROBE}
    for name in (*CJK_FONTS, *hinted):
        if name in files and probe <= charmap(files[name]):
            return name, files[name]
    return None


@lru_cache(maxsize=1)
def find_cjk() -> tuple[str, str] | None:
    """(family name, file) of the preferred installed font with CJK glyphs."""
    try:
        from matplotlib import font_manager
    except ImportError:
        return None
    found = _scan_cjk()
    if found is None:
        # matplotlib caches its font list (~/.cache/matplotlib) and does not see fonts installed
        # after that: add the ones fontconfig knows for Chinese, for this run
        added = False
        for path in _fontconfig_cjk_files():
            try:
                font_manager.fontManager.addfont(path)
                added = True
            except (OSError, RuntimeError, ValueError):
                continue
        if added:
            found = _scan_cjk()
    return found


def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, or None (also without
    matplotlib)."""
    found = find_cjk()
    return found[0] if found else None


def chart_lang(lang: str) -> str:
    """The language a chart is labelled in: "zh" only when asked for and a CJK font is installed,
    otherwise "en" (so labels never show as boxes). Word the labels you pass for this language."""
    return "zh" if lang == "zh" and cjk_font() is not None else "en"


@cache
def say_no_cjk() -> None:
    """Tell the user, once per run, that zh charts are labelled in English for want of a font."""
    import sys

    from gmvcli.messages import text

    sys.stderr.write(text("plot.no_cjk", "zh") + "\n")


def font_file(name: str) -> str | None:
    from matplotlib import font_manager

    if name == LATIN:
        return font_manager.findfont(font_manager.FontProperties(family=LATIN))
    found = find_cjk()
    if found and found[0] == name:
        return found[1]
    for entry in font_manager.fontManager.ttflist:
        if entry.name == name:
            return str(entry.fname)
    return None
