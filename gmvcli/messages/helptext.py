"""Help of every command and option (code → (en, zh)).

`help.CMD` is a command's page, `help.CMD.short` its line in `gmvcli --help`, `help.CMD.examples`
the examples below its options; `help.CMD.PARAM` an argument or option of one command,
`help.opt.PARAM` one that many commands share; `….metavar` what its value looks like.
"""

_EX = "Examples:"
_EX_ZH = "示例："

TEXTS: dict[str, tuple[str, str]] = {
    "help.app": (
        "Shelf vs content+private-domain scenarios for live-stream e-commerce (货架 vs 内容+私域).",
        "直播电商的情景计算器：货架电商与内容+私域，一一对比。",
    ),
    # shared options
    "help.opt.version": ("Show the version.", "显示版本号。"),
    "help.opt.install_completion": (
        "Install completion for the current shell.",
        "为当前 shell 安装命令补全。",
    ),
    "help.opt.show_completion": (
        "Show completion for the current shell, to copy it or customize the installation.",
        "显示当前 shell 的补全脚本，可复制或自行安装。",
    ),
    "help.opt.help": ("Show this message and exit.", "显示本帮助并退出。"),
    "help.opt.paths": (
        "Scenario files, directories of *.yaml, or - for stdin.",
        "场景文件、含 *.yaml 的目录，或 - 表示标准输入。",
    ),
    "help.opt.paths.metavar": ("FILE", "文件"),
    "help.opt.path": ("A scenario file, or - for stdin.", "一个场景文件，或 - 表示标准输入。"),
    "help.opt.path.metavar": ("FILE", "文件"),
    "help.opt.fmt": ("Output format.", "输出格式。"),
    "help.opt.output": (
        "Write to FILE (atomically: never a partial file) instead of stdout.",
        "写入文件（原子写入，不会留下半截文件），而不是标准输出。",
    ),
    "help.opt.output.metavar": ("FILE", "文件"),
    "help.opt.sets": (
        "Override a field for this run, e.g. content.aov=99 or weiwei:shelf.uv=30万.",
        "本次运行临时改一个字段，例如 content.aov=99 或 weiwei:shelf.uv=30万。",
    ),
    "help.opt.sets.metavar": ("[ID:]PATH=VALUE", "[商家ID:]路径=值"),
    "help.opt.merchant": ("Only this merchant id (repeatable).", "只看这个商家 id（可重复）。"),
    "help.opt.merchant.metavar": ("ID", "商家ID"),
    "help.opt.lang": (
        "Language of tables and messages: en or zh (default: GMVCLI_LANG, LC_ALL, LANG).",
        "表格与提示的语言：en 或 zh（默认取 GMVCLI_LANG、LC_ALL、LANG）。",
    ),
    "help.opt.lang.metavar": ("en|zh", "en|zh"),
    "help.opt.debug": (
        "Show a traceback on internal errors.",
        "内部错误时显示调用栈（便于报告缺陷）。",
    ),
    "help.opt.periods": ("Forecast totals over N periods.", "按 N 期预测的合计。"),
    "help.opt.periods.metavar": ("N", "N"),
    "help.opt.plot": (
        "Also draw a chart (needs gmvcli[plot]).",
        "同时画一张图（需要安装 gmvcli[plot]）。",
    ),
    "help.opt.plot.metavar": ("FILE.png|FILE.svg", "文件.png|文件.svg"),
    # compare
    "help.compare": (
        "Compare shelf and content+private for every merchant, in one period: GMV, net GMV, "
        "costs, contribution and why they differ.",
        "逐个商家对比货架电商与内容+私域（单期）：GMV、净GMV、成本、贡献利润，以及差在哪里。",
    ),
    "help.compare.short": (
        "Shelf vs content+private, merchant by merchant, one period.",
        "逐个商家对比货架电商与内容+私域（单期）。",
    ),
    "help.compare.examples": (
        f"{_EX}\n\n  gmvcli compare scenarios/weiwei-factory.yaml\n\n"
        "  gmvcli compare scenarios/ --format csv -o results.csv\n\n"
        "  gmvcli compare shop.yaml --set content.aov=99 --lang zh",
        f"{_EX_ZH}\n\n  gmvcli compare scenarios/weiwei-factory.yaml\n\n"
        "  gmvcli compare scenarios/ --format csv -o results.csv\n\n"
        "  gmvcli compare shop.yaml --set content.aov=99 --lang zh",
    ),
    # forecast
    "help.forecast": (
        "Forecast period by period: fans, costs and policies; when does content overtake shelf?",
        "逐期预测粉丝、成本和政策的变化：内容+私域第几期追上货架？",
    ),
    "help.forecast.short": (
        "Period by period: when does content overtake shelf?",
        "逐期预测：内容+私域第几期追上货架？",
    ),
    "help.forecast.periods": (
        "Number of periods (overrides the file).",
        "期数（覆盖文件中的设置）。",
    ),
    "help.forecast.plot": (
        "Also draw the cumulative contribution of the first merchant with both models.",
        "同时画出第一个同时有两种模式的商家的累计贡献利润。",
    ),
    "help.forecast.examples": (
        f"{_EX}\n\n  gmvcli forecast scenarios/weiwei-factory.yaml\n\n"
        "  gmvcli forecast shop.yaml --periods 24 --format csv -o forecast.csv",
        f"{_EX_ZH}\n\n  gmvcli forecast scenarios/weiwei-factory.yaml\n\n"
        "  gmvcli forecast shop.yaml --periods 24 --format csv -o forecast.csv",
    ),
    # validate
    "help.validate": (
        "Check scenario files: silent (exit 0) when valid, every problem located otherwise (exit 1).",
        "检查场景文件：无误时不输出（退出码 0），否则逐条指出问题所在（退出码 1）。",
    ),
    "help.validate.short": ("Check scenario files.", "检查场景文件。"),
    "help.validate.fmt": (
        "text (stderr) or json (stdout).",
        "text（标准错误）或 json（标准输出）。",
    ),
    "help.validate.examples": (
        f"{_EX}\n\n  gmvcli validate scenarios/\n\n  gmvcli validate shop.yaml --format json",
        f"{_EX_ZH}\n\n  gmvcli validate scenarios/\n\n  gmvcli validate shop.yaml --format json",
    ),
    # explain
    "help.explain": (
        "Show each row of the calculation with its formula and the numbers put into it.",
        "逐行展示计算过程：每一行的公式和代入的数字。",
    ),
    "help.explain.short": ("The calculation, row by row.", "逐行展示计算过程。"),
    "help.explain.model": (
        "Only this model: shelf or content.",
        "只看一种模式：shelf 或 content。",
    ),
    "help.explain.model.metavar": ("shelf|content", "shelf|content"),
    "help.explain.examples": (
        f"{_EX}\n\n  gmvcli explain scenarios/weiwei-factory.yaml\n\n"
        "  gmvcli explain shop.yaml --merchant weiwei --model content",
        f"{_EX_ZH}\n\n  gmvcli explain scenarios/weiwei-factory.yaml --lang zh\n\n"
        "  gmvcli explain shop.yaml --merchant weiwei --model content",
    ),
    # policies
    "help.policies": (
        "List the built-in bonus-plan policies (商家全周期红利计划) with their effects.",
        "列出内置的商家全周期红利计划政策及其效果。",
    ),
    "help.policies.short": ("The built-in bonus-plan policies.", "内置的红利计划政策。"),
    "help.policies.role": ("Only policies for this role.", "只看适用于该角色的政策。"),
    "help.policies.role.metavar": (
        "factory|brand|streamer|service_provider",
        "factory|brand|streamer|service_provider",
    ),
    "help.policies.examples": (
        f"{_EX}\n\n  gmvcli policies\n\n  gmvcli policies --role streamer --lang zh",
        f"{_EX_ZH}\n\n  gmvcli policies --lang zh\n\n  gmvcli policies --role streamer",
    ),
    # schema
    "help.schema": (
        "Print the JSON Schema of scenario files (for editors: yaml-language-server).",
        "输出场景文件的 JSON Schema（供编辑器使用，如 yaml-language-server）。",
    ),
    "help.schema.short": ("The JSON Schema of scenario files.", "场景文件的 JSON Schema。"),
    "help.schema.examples": (
        f"{_EX}\n\n  gmvcli schema -o scenario-v1.json",
        f"{_EX_ZH}\n\n  gmvcli schema -o scenario-v1.json",
    ),
    # init
    "help.init": (
        "Write a commented starter scenario (zh + en) for a role, to -o FILE or stdout.",
        "为某个角色生成带中英文注释的起步场景，写入 -o 文件或标准输出。",
    ),
    "help.init.short": ("A commented starter scenario.", "生成带注释的起步场景。"),
    "help.init.role": ("Whose starter scenario.", "为哪种角色生成。"),
    "help.init.role.metavar": (
        "factory|brand|streamer|service_provider",
        "factory|brand|streamer|service_provider",
    ),
    "help.init.force": ("Overwrite an existing file.", "覆盖已有文件。"),
    "help.init.examples": (
        f"{_EX}\n\n  gmvcli init --role brand -o tea.yaml\n\n  gmvcli init --role streamer",
        f"{_EX_ZH}\n\n  gmvcli init --role brand -o tea.yaml\n\n  gmvcli init --role streamer",
    ),
    # simulate
    "help.simulate": (
        "Monte Carlo over the inputs written as distributions: percentiles and P(content wins).",
        "对写成分布的输入做蒙特卡洛模拟：给出分位数和内容+私域胜出的概率。",
    ),
    "help.simulate.short": (
        "Monte Carlo: percentiles and P(content wins).",
        "蒙特卡洛：分位数与胜出概率。",
    ),
    "help.simulate.runs": ("Number of draws.", "抽样次数。"),
    "help.simulate.runs.metavar": ("N", "N"),
    "help.simulate.seed": (
        "Random seed: same seed, same output.",
        "随机种子：种子相同，结果相同。",
    ),
    "help.simulate.seed.metavar": ("S", "S"),
    "help.simulate.percentiles": ("Comma-separated percentiles.", "分位数，用逗号分隔。"),
    "help.simulate.percentiles.metavar": ("5,50,95", "5,50,95"),
    "help.simulate.examples": (
        f"{_EX}\n\n  gmvcli simulate scenarios/weiwei-uncertain.yaml\n\n"
        "  gmvcli simulate shop.yaml --runs 100000 --periods 12 --plot advantage.png",
        f"{_EX_ZH}\n\n  gmvcli simulate scenarios/weiwei-uncertain.yaml --lang zh\n\n"
        "  gmvcli simulate shop.yaml --runs 100000 --periods 12 --plot advantage.png",
    ),
    # sensitivity
    "help.sensitivity": (
        "Which uncertain input moves the result most: a tornado (10th–90th percentile each), "
        "or Sobol indices with --method sobol.",
        "哪个不确定输入对结果影响最大：龙卷风图（各取第 10 与第 90 百分位），"
        "或用 --method sobol 计算 Sobol 指数。",
    ),
    "help.sensitivity.short": ("Which input moves the result most.", "哪个输入影响最大。"),
    "help.sensitivity.metric": (
        "advantage (content − shelf contribution), or content gmv / contribution.",
        "advantage（内容+私域与货架的贡献利润之差），或内容+私域的 gmv / contribution。",
    ),
    "help.sensitivity.metric.metavar": ("advantage|gmv|contribution", "advantage|gmv|contribution"),
    "help.sensitivity.everything": (
        "Also move inputs without a distribution by ±10%.",
        "没有写成分布的输入也按 ±10% 变动。",
    ),
    "help.sensitivity.examples": (
        f"{_EX}\n\n  gmvcli sensitivity scenarios/weiwei-uncertain.yaml\n\n"
        "  gmvcli sensitivity shop.yaml --all --metric contribution",
        f"{_EX_ZH}\n\n  gmvcli sensitivity scenarios/weiwei-uncertain.yaml --lang zh\n\n"
        "  gmvcli sensitivity shop.yaml --all --metric contribution",
    ),
    # sweep
    "help.sweep": (
        "A grid of what-ifs: one row per point and merchant with GMV, contribution and advantage.",
        "批量假设分析：每个取值点、每个商家一行，给出 GMV、贡献利润和优势。",
    ),
    "help.sweep.short": ("A grid of what-ifs.", "批量假设分析。"),
    "help.sweep.vary": (
        "A field and its values; repeat for a grid (at most 1,000,000 points).",
        "一个字段及其取值；重复使用可组成网格（最多 1,000,000 个点）。",
    ),
    "help.sweep.vary.metavar": (
        "[ID:]PATH=START:STOP:STEP|PATH=v1,v2,...",
        "[商家ID:]路径=起点:终点:步长|路径=值1,值2,...",
    ),
    "help.sweep.examples": (
        f"{_EX}\n\n  gmvcli sweep scenarios/weiwei-factory.yaml --vary content.aov=59:129:10\n\n"
        "  gmvcli sweep shop.yaml --vary content.aov=79,89,99 --vary cogs_rate=40%:50%:5% -f csv",
        f"{_EX_ZH}\n\n  gmvcli sweep scenarios/weiwei-factory.yaml --vary content.aov=59:129:10\n\n"
        "  gmvcli sweep shop.yaml --vary content.aov=79,89,99 --vary cogs_rate=40%:50%:5% -f csv",
    ),
    # solve
    "help.solve": (
        "Goal seek: the value of one input at which a target is met, re-checked by the engine.",
        "单变量求解：某个输入取何值时达到目标，并由计算引擎复核。",
    ),
    "help.solve.short": ("Goal seek one input.", "单变量求解。"),
    "help.solve.for_": (
        "The input to solve for, e.g. content.aov or weiwei:shelf.uv.",
        "要求解的输入，例如 content.aov 或 weiwei:shelf.uv。",
    ),
    "help.solve.for_.metavar": ("[ID:]PATH", "[商家ID:]路径"),
    "help.solve.target": (
        "breakeven (content = shelf contribution), gmv=X or contribution=X.",
        "breakeven（与货架持平），gmv=X 或 contribution=X（contribution=0 即保本）。",
    ),
    "help.solve.target.metavar": (
        "breakeven|gmv=X|contribution=X",
        "breakeven|gmv=X|contribution=X",
    ),
    "help.solve.merchant": (
        "The merchant (default: the first it applies to).",
        "商家（默认：第一个适用的商家）。",
    ),
    "help.solve.examples": (
        f"{_EX}\n\n  gmvcli solve scenarios/weiwei-factory.yaml --for content.aov\n\n"
        "  gmvcli solve shop.yaml --for shelf.uv --target contribution=0",
        f"{_EX_ZH}\n\n  gmvcli solve scenarios/weiwei-factory.yaml --for content.aov --lang zh\n\n"
        "  gmvcli solve shop.yaml --for shelf.uv --target contribution=0",
    ),
    # diff
    "help.diff": (
        "Compare two versions of a scenario merchant by merchant: every row, Δ and Δ%.",
        "逐个商家对比同一场景的两个版本：每一行的数值、差额和差额百分比。",
    ),
    "help.diff.short": ("Two versions of a scenario, side by side.", "对比场景的两个版本。"),
    "help.diff.base": ("The scenario as it is.", "当前的场景。"),
    "help.diff.base.metavar": ("BASE", "基准"),
    "help.diff.variant": (
        "Another version (default: BASE itself).",
        "另一个版本（默认：基准本身）。",
    ),
    "help.diff.variant.metavar": ("VARIANT", "变体"),
    "help.diff.policies": (
        "Replace every merchant's policies in the variant (none: no policies).",
        "替换变体中每个商家的政策（none 表示不用政策）。",
    ),
    "help.diff.policies.metavar": ("ID,...|none", "政策ID,...|none"),
    "help.diff.exit_code": (
        "Exit 1 when any number differs (like git diff --exit-code).",
        "有任何数值不同时以退出码 1 结束（同 git diff --exit-code）。",
    ),
    "help.diff.examples": (
        f"{_EX}\n\n  gmvcli diff shop.yaml --set content.aov=99\n\n"
        "  gmvcli diff shop.yaml --policies none --exit-code\n\n  gmvcli diff old.yaml new.yaml",
        f"{_EX_ZH}\n\n  gmvcli diff shop.yaml --set content.aov=99 --lang zh\n\n"
        "  gmvcli diff shop.yaml --policies none --exit-code\n\n  gmvcli diff old.yaml new.yaml",
    ),
    # test
    "help.test": (
        "Run scenario tests: pinned expectations of compare/forecast output.",
        "运行场景测试：核对 compare/forecast 输出中预先写定的期望值。",
    ),
    "help.test.short": ("Run scenario tests.", "运行场景测试。"),
    "help.test.paths": (
        "Test files (*.test.yaml) or directories of them.",
        "测试文件（*.test.yaml）或含测试文件的目录。",
    ),
    "help.test.paths.metavar": ("FILE|DIR", "文件|目录"),
    "help.test.fmt": (
        "table, json, or junit (XML for CI).",
        "table、json 或 junit（供 CI 使用的 XML）。",
    ),
    "help.test.examples": (
        f"{_EX}\n\n  gmvcli test scenarios/tests\n\n  gmvcli test . --format junit -o report.xml",
        f"{_EX_ZH}\n\n  gmvcli test scenarios/tests --lang zh\n\n"
        "  gmvcli test . --format junit -o report.xml",
    ),
}
