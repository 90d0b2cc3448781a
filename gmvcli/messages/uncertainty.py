"""Messages of the uncertainty features of SPEC §8 (Sobol indices, raw samples, correlated inputs),
code → (en, zh)."""

TEXTS: dict[str, tuple[str, str]] = {
    # correlations: (SPEC §8), located problems in the scenario file
    "corr.not_list": (
        "must be a list of {{a: REF, b: REF, rank: r}}",
        "必须是 {{a: 引用, b: 引用, rank: r}} 的列表",
    ),
    "corr.rank_range": (
        "a rank correlation must lie strictly between -1 and 1",
        "秩相关系数必须严格介于 -1 与 1 之间",
    ),
    "corr.rank_hint": ("e.g. rank: 0.6", "例如 rank: 0.6"),
    "corr.bad_ref": (
        "not a reference: write MERCHANT:PATH or PATH, e.g. weiwei:content.aov",
        "不是有效的引用：请写成 商家ID:路径 或 路径，例如 weiwei:content.aov",
    ),
    "corr.unknown_merchant": ("no merchant '{id}' in this file", "本文件中没有商家 '{id}'"),
    "corr.unknown_field": ("unknown field '{path}'", "未知的字段 '{path}'"),
    "corr.not_distribution": (
        "'{ref}' is not a distribution: only inputs written as distributions can be correlated",
        "'{ref}' 不是分布：只有写成分布的输入才能设置相关性",
    ),
    "corr.not_distribution_hint": (
        'write it as {{low: a, high: b}}, {{low, mode, high}}, {{mean, sd}} or "a to b"',
        '请把它写成 {{low: a, high: b}}、{{low, mode, high}}、{{mean, sd}} 或 "a to b"',
    ),
    "corr.set_number": (
        "{arg} made it a number: drop that correlation, or set a distribution",
        "{arg} 把它改成了一个数：请去掉这条相关性，或改设为分布",
    ),
    "corr.no_pair": (
        "no merchant has both '{a}' and '{b}' as distributions",
        "没有商家同时把 '{a}' 和 '{b}' 写成分布",
    ),
    "corr.same": ("a and b are the same input ({ref})", "a 与 b 是同一个输入（{ref}）"),
    "corr.twice": (
        "the pair {a} ~ {b} is given twice (also correlations[{other}])",
        "{a} ~ {b} 这一对重复给出（correlations[{other}] 也给了）",
    ),
    "corr.not_pd": (
        "{entries} cannot all hold at once: their correlation matrix is not positive definite",
        "{entries} 不可能同时成立：它们的相关矩阵不是正定的",
    ),
    "corr.not_pd_hint": (
        "pairs not listed are independent (rank 0), and if a~b and b~c are both strong, a~c "
        "cannot be far from them: list a~c too, or weaken one of them",
        "未列出的两两之间视为独立（秩相关 0）；若 a~b 与 b~c 都很强，a~c 就不能与它们相差太远："
        "请把 a~c 也列出，或调弱其中一项",
    ),
    # simulate / sensitivity
    "unc.plot_nothing": (
        "--plot {file}: no chart drawn, nothing varies",
        "--plot {file}：未绘图，没有任何输入会变化",
    ),
    "unc.sobol_independent": (
        "{file}: Sobol indices assume independent inputs; the file's correlations are not "
        "applied by --method sobol",
        "{file}：Sobol 指数假定输入相互独立；--method sobol 不应用文件中的相关性",
    ),
    "unc.needs_extra": (
        "{what} needs {package}: pip install 'gmvcli[{extra}]'",
        "{what} 需要 {package}：pip install 'gmvcli[{extra}]'",
    ),
    "unc.samples_ext": (
        "--samples {file}: use a .csv, .jsonl or .parquet file name",
        "--samples {file}：请使用 .csv、.jsonl 或 .parquet 文件名",
    ),
    "unc.method_options": (
        "--runs and --seed are for --method sobol (the tornado is deterministic)",
        "--runs 与 --seed 仅用于 --method sobol（龙卷风图是确定性的）",
    ),
    "unc.all_sobol": (
        "--all moves plain inputs ±10% in the tornado; Sobol indices need distributions",
        "--all 用于龙卷风图（普通输入 ±10%）；Sobol 指数需要分布",
    ),
    "unc.plot_sobol": (
        "--plot draws the tornado; it does not go with --method sobol",
        "--plot 绘制的是龙卷风图，不能与 --method sobol 一起使用",
    ),
    "unc.samples_written": (
        "{file}: {runs} draws × {columns} columns (seed {seed})",
        "{file}：{runs} 次抽样 × {columns} 列（种子 {seed}）",
    ),
    # table words
    "sobol.title": ("Sobol indices", "Sobol 指数"),
    "sobol.s1": ("S1", "一阶S1"),
    "sobol.st": ("ST", "总效应ST"),
    "sobol.conf": ("± 95%", "± 95%"),
    "sobol.note": (
        "S1: share of the variance an input explains alone; ST: with all its interactions "
        "(ST − S1: through interactions); ± is the 95% confidence half-width. "
        "{runs} base samples × ({inputs} inputs + 2) = {evaluations} evaluations, seed {seed}",
        "一阶S1：该输入单独解释的方差占比；总效应ST：连同其全部交互作用（ST − S1 即交互部分）；"
        "± 为 95% 置信区间半宽。{runs} 个基础样本 ×（{inputs} 个输入 + 2）= {evaluations} 次计算，种子 {seed}",
    ),
    "sobol.none": ("no uncertain inputs", "没有不确定输入"),
    "sobol.no_metric": (
        "this metric needs a model the merchant does not have (the advantage needs both)",
        "该商家缺少这个指标所需的模式（优势需要两种模式都有）",
    ),
    "corr.heading": ("Correlated inputs (Spearman rank)", "相关输入（Spearman 秩相关）"),
    "corr.result": ("{rank} wanted, {achieved} achieved", "目标 {rank}，实际 {achieved}"),
    # help of the options of issue 16 (the commands' own help is in helptext.py)
    "help.simulate.samples": (
        "Also write every draw to FILE (.csv, .jsonl or .parquet): a run column, each drawn "
        "input and each output at full precision, and the seed.",
        "同时把每次抽样写入 FILE（.csv、.jsonl 或 .parquet）：run 列、每个抽样输入和每个输出，"
        "全精度，并记录种子。",
    ),
    "help.simulate.samples.metavar": ("FILE", "FILE"),
    "help.sensitivity.method": (
        "tornado: each input at its 10th and 90th percentile, one at a time; sobol: "
        "variance-based indices S1 and ST with 95% confidence, interactions included "
        "(needs gmvcli[uncertainty]).",
        "tornado：每次只把一个输入移到第 10 与第 90 百分位；sobol：基于方差的 S1 与 ST 指数"
        "及 95% 置信区间，包含交互作用（需要 gmvcli[uncertainty]）。",
    ),
    "help.sensitivity.method.metavar": ("tornado|sobol", "tornado|sobol"),
    "help.sensitivity.runs": (
        "sobol: base samples N (default 1024; a power of 2 is best); the model runs "
        "N × (inputs + 2) times.",
        "sobol：基础样本数 N（默认 1024，最好是 2 的幂）；模型计算 N ×（输入数 + 2）次。",
    ),
    "help.sensitivity.runs.metavar": ("N", "N"),
    "help.sensitivity.seed": ("sobol: random seed (default 0).", "sobol：随机种子（默认 0）。"),
    "help.sensitivity.seed.metavar": ("S", "S"),
}
