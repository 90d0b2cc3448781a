"""Messages of the command line: usage errors, notices and what-if problems (code → (en, zh))."""

TEXTS: dict[str, tuple[str, str]] = {
    "cli.error": ("gmvcli: error: {text}", "gmvcli：错误：{text}"),
    "cli.interrupted": ("interrupted", "已中断"),
    "cli.try_help": ("Try '{command} --help' for help.", "用 '{command} --help' 查看帮助。"),
    # the headings of a help page
    "cli.help.usage": ("Usage: ", "用法："),
    "cli.help.arguments": ("Arguments", "参数"),
    "cli.help.options_metavar": ("[OPTIONS]", "[选项]"),
    "cli.help.command_metavar": ("COMMAND [ARGS]...", "命令 [参数]..."),
    "cli.help.options": ("Options", "选项"),
    "cli.help.commands": ("Commands", "命令"),
    "cli.help.required": ("[required]", "[必填]"),
    "cli.help.default": ("[default: {}]", "[默认：{}]"),
    # Click's own usage errors, worded by their kind
    "click.no_such_option": ("No such option: {name}", "没有这个选项：{name}"),
    "click.possible_options": (" (possible options: {options})", "（可用的选项：{options}）"),
    "click.missing_argument": ("Missing argument {name}.", "缺少参数 {name}。"),
    "click.missing_option": ("Missing option {name}.", "缺少选项 {name}。"),
    "click.bad_value": ("Invalid value for {name}: {problem}", "{name} 的值无效：{problem}"),
    "click.bad_value_plain": ("Invalid value for {name}.", "{name} 的值无效。"),
    "click.needs_value": ("Option {name} requires a value.", "选项 {name} 需要一个值。"),
    "click.no_value": ("Option {name} does not take a value.", "选项 {name} 不接受值。"),
    "click.no_such_command": ("No such command '{name}'.", "没有这个命令：'{name}'。"),
    "click.did_you_mean": (" Did you mean {words}?", "是否想写 {words}？"),
    "click.extra_arguments": (
        "Got unexpected extra argument(s) ({args}).",
        "多出了参数（{args}）。",
    ),
    "click.missing_command": ("Missing command.", "缺少命令。"),
    "click.other": ("{text}", "命令行有误：{text}"),
    # values of options, checked by gmvcli (not by Click)
    "option.whole": (
        "'{value}' is not a whole number from {low} to {high}",
        "'{value}' 不是 {low} 到 {high} 之间的整数",
    ),
    "option.choice": ("'{value}' is not one of {choices}", "'{value}' 不是以下之一：{choices}"),
    "cli.more_problems": ("{file}: … and {count} more problems", "{file}：… 另有 {count} 个问题"),
    "cli.no_merchant": (
        "no merchant '{id}' in any input (merchants: {ids})",
        "所有输入中都没有商家 '{id}'（现有商家：{ids}）",
    ),
    "cli.bug": (
        "internal error (a bug in gmvcli, please report it): {error} (--debug shows more)",
        "内部错误（gmvcli 的缺陷，请报告）：{error}（用 --debug 查看详情）",
    ),
    "cli.not_written": (
        "{file} was not written: {count} input(s) failed",
        "未写入 {file}：{count} 个输入失败",
    ),
    "output.no_dir": (
        "{file}: cannot write: directory {dir} does not exist",
        "{file}：无法写入：目录 {dir} 不存在",
    ),
    "output.is_dir": ("{file}: cannot write: is a directory", "{file}：无法写入：这是一个目录"),
    "output.cannot_write": ("{file}: cannot write: {reason}", "{file}：无法写入：{reason}"),
    "cli.cannot_read": ("cannot read", "无法读取"),
    "cli.failed": ("failed", "失败"),
    "cli.format_unsupported": (
        "{command} cannot write {format}; it writes {formats}",
        "{command} 不能输出 {format}，只能输出 {formats}",
    ),
    "cli.xlsx_needs_output": (
        "--format xlsx writes a file: add -o FILE.xlsx",
        "--format xlsx 需要写入文件：请加上 -o FILE.xlsx",
    ),
    "cli.lang": ("--lang {value}: use en or zh", "--lang {value}：请用 en 或 zh"),
    # --set (SPEC §7)
    "set.syntax": (
        "--set {arg}: expected [MERCHANT_ID:]PATH=VALUE, e.g. content.aov=99",
        "--set {arg}：应写成 [商家ID:]路径=值，例如 content.aov=99",
    ),
    "set.unknown_field": (
        "--set {arg}: unknown field '{path}' — {hint}valid fields: {valid}",
        "--set {arg}：未知的字段 '{path}'——{hint}可用的字段：{valid}",
    ),
    "set.empty_id": (
        "{option} {arg}: empty merchant id before ':'",
        "{option} {arg}：':' 前的商家 id 为空",
    ),
    "set.unused": (
        "--set {arg}: no merchant with that id in any input",
        "--set {arg}：所有输入中都没有这个 id 的商家",
    ),
    "hint.did_you_mean_short": ("did you mean '{word}'? ", "是否想写 '{word}'？"),
    # --percentiles, --plot
    "percentiles.not_number": (
        "--percentiles {text}: '{part}' is not a number",
        "--percentiles {text}：'{part}' 不是数字",
    ),
    "percentiles.range": (
        "--percentiles {text}: {part} is not between 0 and 100",
        "--percentiles {text}：{part} 不在 0 到 100 之间",
    ),
    "percentiles.empty": (
        "--percentiles needs at least one number, e.g. 5,50,95",
        "--percentiles 至少需要一个数，例如 5,50,95",
    ),
    "plot.option": ("--plot {path}: {problem}", "--plot {path}：{problem}"),
    # what-if: fields, sweep and solve (SPEC §8)
    "field.unknown": (
        "{option} {arg}: unknown field '{path}' — {hint}valid fields: {valid}",
        "{option} {arg}：未知的字段 '{path}'——{hint}可用的字段：{valid}",
    ),
    "field.not_numeric": (
        "{option} {arg}: '{path}' is not a number that can be varied — valid fields: {valid}",
        "{option} {arg}：'{path}' 不是可以变动的数值——可用的字段：{valid}",
    ),
    "field.forecast_only": (
        "{option} {name}: forecast fields change only forecasts, not the one-period results; "
        "use a number of periods",
        "{option} {name}：预测字段只影响多期预测，不影响单期结果；请指定期数",
    ),
    "vary.missing": (
        "--vary {arg}: a value is missing — expected {format}",
        "--vary {arg}：缺少一个值——应写成 {format}",
    ),
    "vary.number": (
        "--vary {arg}: '{text}' {problem}{hint}",
        "--vary {arg}：'{text}' {problem}{hint}",
    ),
    "hint.vary_forms": (
        " — write a number such as 1200, 2.5%, 15万, 1.2亿 or ¥89 (commas separate values)",
        "——请写成数字，例如 1200、2.5%、15万、1.2亿 或 ¥89（多个值用逗号分隔）",
    ),
    "hint.dash": (" — {hint}", "——{hint}"),
    "vary.range": (
        "--vary {arg}: {text} {problem} ({name}){hint}",
        "--vary {arg}：{text} {problem}（{name}）{hint}",
    ),
    "hint.vary_percent": (" — write {text}% for a percentage", "——百分比请写成 {text}%"),
    "vary.syntax": (
        "--vary {arg}: expected {format}, e.g. content.aov=59:129:10",
        "--vary {arg}：应写成 {format}，例如 content.aov=59:129:10",
    ),
    "vary.not_variable": ("--vary {arg}: {name} cannot be varied", "--vary {arg}：{name} 不能变动"),
    "vary.range_syntax": (
        "--vary {arg}: a range is START:STOP:STEP, e.g. 59:129:10",
        "--vary {arg}：区间应写成 起点:终点:步长，例如 59:129:10",
    ),
    "vary.step": ("--vary {arg}: STEP {problem}", "--vary {arg}：步长{problem}"),
    "vary.step_positive": (
        "--vary {arg}: STEP must be more than 0",
        "--vary {arg}：步长必须大于 0",
    ),
    "vary.empty_range": (
        "--vary {arg}: START is above STOP, so the range is empty",
        "--vary {arg}：起点大于终点，区间为空",
    ),
    "vary.none": (
        "sweep needs at least one --vary PATH=START:STOP:STEP",
        "sweep 至少需要一个 --vary 路径=起点:终点:步长",
    ),
    "vary.too_big": (
        "a grid of {size} points is more than {max}; use a larger STEP or fewer values ({sizes} values)",
        "网格共 {size} 个点，超过上限 {max}；请加大步长或减少取值（{sizes} 个值）",
    ),
    "vary.twice": ("--vary {arg}: {name} is varied twice", "--vary {arg}：{name} 被变动了两次"),
    "vary.ids": (
        "--vary: the ID: prefixes name different merchants: {ids}",
        "--vary：ID: 前缀指向了不同的商家：{ids}",
    ),
    "vary.no_merchant": (
        "--vary {arg}: no merchant '{id}' in this file (merchants: {ids})",
        "--vary {arg}：本文件中没有商家 '{id}'（现有商家：{ids}）",
    ),
    "vary.reach": (
        "--vary {arg}: a forecast needs content.reach_rate above 0",
        "--vary {arg}：预测需要 content.reach_rate 大于 0",
    ),
    "vary.cannot": ("cannot vary {name}: {why}", "无法变动 {name}：{why}"),
    "vary.nobody": (
        "no merchant in this file has {names} to vary",
        "本文件中没有商家含有可变动的 {names}",
    ),
    "whatif.unforecastable": (
        "merchant {id} cannot be forecast: private visitors without reach_rate",
        "商家 {id} 无法预测：有私域访客却没有 reach_rate",
    ),
    "whatif.no_model": ("merchant {id} has no {section} model", "商家 {id} 没有{section}模式"),
    "whatif.fans_unused_private": (
        "merchant {id} gives private_uv, so content.fans is not used",
        "商家 {id} 给出了 private_uv，因此不使用 content.fans",
    ),
    "whatif.fans_unused_reach": (
        "merchant {id} has no content.reach_rate, so content.fans is not used",
        "商家 {id} 没有 content.reach_rate，因此不使用 content.fans",
    ),
    "whatif.private_unused": (
        "merchant {id} gives fans (with reach_rate) instead of private_uv",
        "商家 {id} 用 fans（配合 reach_rate）代替了 private_uv",
    ),
    "whatif.budget_given": (
        "merchant {id} gives {model}.{budget} instead of {field}",
        "商家 {id} 用 {model}.{budget} 代替了 {field}",
    ),
    "whatif.count_given": (
        "merchant {id} gives {model}.{field}, not {budget}",
        "商家 {id} 给的是 {model}.{field}，而不是 {budget}",
    ),
    "target.syntax": (
        "--target {text}: expected breakeven (content = shelf, alias parity), gmv=X or "
        "contribution=X (contribution=0: break-even on its own), e.g. gmv=50万",
        "--target {text}：应写成 breakeven（与货架持平，也可写 parity）、gmv=X 或 contribution=X"
        "（contribution=0 即保本），例如 gmv=50万",
    ),
    "target.number": ("--target {text}: {value} {problem}", "--target {text}：{value} {problem}"),
    "target.short": (
        "--target {text}: expected breakeven (content = shelf), gmv=X or contribution=X",
        "--target {text}：应写成 breakeven（与货架持平）、gmv=X 或 contribution=X",
    ),
    "solve.merchants_differ": (
        "--for {path} and --merchant {id} name different merchants",
        "--for {path} 与 --merchant {id} 指向了不同的商家",
    ),
    "solve.for_merchant": (
        "--for {path}: the solve is for merchant {id}",
        "--for {path}：求解针对的是商家 {id}",
    ),
    "solve.no_merchant": (
        "no merchant '{id}' in this file (merchants: {ids})",
        "本文件中没有商家 '{id}'（现有商家：{ids}）",
    ),
    "solve.nobody_both": (
        "no merchant in this file has both models",
        "本文件中没有商家同时有两种模式",
    ),
    "solve.nobody_field": (
        "no merchant in this file can be solved for {name}",
        "本文件中没有商家可以求解 {name}",
    ),
    "solve.needs_both": (
        "breakeven needs both models; merchant {id} has only one",
        "持平求解需要两种模式；商家 {id} 只有一种",
    ),
    "solve.no_solution": ("no solution in {interval}", "在 {interval} 内无解"),
    "solve.flat": (
        "{what} is {value} whatever {field} is",
        "无论 {field} 取何值，{what}都是 {value}",
    ),
    "solve.between": ("{what} stays between {low} and {high}", "{what}始终在 {low} 到 {high} 之间"),
    "solve.goes": ("{what} goes from {first} to {end}", "{what}从 {first} 变到 {end}"),
    "solve.never": ("{interval}: {detail}, never {goal}", "{interval}：{detail}，达不到 {goal}"),
    "solve.jumps": (
        "{interval}: {what} jumps past {goal} at {field} ≈ {value}",
        "{interval}：{what}在 {field} ≈ {value} 处跳过了 {goal}",
    ),
    "solve.what.advantage": ("content − shelf contribution", "内容+私域与货架的贡献利润之差"),
    "solve.what": ("{model} {metric}", "{model}{metric}"),
    "word.shelf": ("shelf", "货架电商"),
    "word.content": ("content", "内容+私域"),
    "word.gmv": ("gmv", "GMV"),
    "word.contribution": ("contribution", "贡献利润"),
}
