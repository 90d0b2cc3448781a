"""Problems in input files and the hints that fix them (code → (en, zh))."""

TEXTS: dict[str, tuple[str, str]] = {
    # how a located problem is framed: FILE:LINE:COL: path: message (got VALUE) — hint
    "frame.got": (" (got {got})", "（实际为 {got}）"),
    "frame.hint": (" — {hint}", " — {hint}"),
    "value.nothing": ("nothing", "空值"),
    "kind.root_list": ("list", "列表"),
    "kind.root_text": ("str", "文本"),
    "kind.root_number": ("number", "数字"),
    "value.byte": ("byte 0x{byte}", "字节 0x{byte}"),
    # numbers (SPEC §2)
    "number.not_number": ("must be a number", "必须是数字"),
    "number.not_finite": ("must be a finite number", "必须是有限的数字"),
    "number.too_large": ("is too large (at most 1e15)", "数值过大（最大 1e15）"),
    "number.unreadable": ("is not a number", "不是数字"),
    "hint.number_forms": (
        "write a number such as 1200, 1,200, 2.5%, 15万, 1.2亿 or ¥89",
        "请写成数字，例如 1200、1,200、2.5%、15万、1.2亿 或 ¥89",
    ),
    # kinds of value
    "value.rate": ("must be between 0 and 1", "必须在 0 到 1 之间"),
    "hint.percent": ("write {value}% for a percentage", "百分比请写成 {value}%"),
    "value.non_negative": ("must be 0 or more", "不能为负数"),
    "value.positive": ("must be more than 0", "必须大于 0"),
    "value.growth": (
        "must be between -100% and 100% per period",
        "每期增速必须在 -100% 到 100% 之间",
    ),
    "hint.growth": ("write 4% for 4% a period", "每期增长 4% 请写成 4%"),
    "value.periods": (
        "must be a whole number of periods from 1 to {max}",
        "期数必须是 1 到 {max} 之间的整数",
    ),
    "value.text": ("must be text (put it in quotes)", "必须是文本（请加引号）"),
    "value.empty": ("must not be empty", "不能为空"),
    "value.id": (
        "must be lowercase letters, digits, _ or - ([a-z0-9_-]+, at most 64)",
        "只能包含小写字母、数字、_ 或 -（[a-z0-9_-]+，最多 64 个字符）",
    ),
    "value.choice": ("must be one of {options}", "必须是以下之一：{options}"),
    "hint.did_you_mean": ("did you mean '{word}'?", "是否想写 '{word}'？"),
    "value.version": (
        "unsupported format version; this gmvcli reads version 1",
        "不支持的格式版本；本 gmvcli 只读取版本 1",
    ),
    # distributions (SPEC §8)
    "dist.part": ("{part} {problem}", "{part} {problem}"),
    "dist.lognormal_positive": (
        "'a to b' needs a > 0 and b > 0 (a lognormal 90% interval)",
        "'a to b' 需要 a > 0 且 b > 0（对数正态分布的 90% 区间）",
    ),
    "dist.lognormal_order": ("'a to b' needs a < b", "'a to b' 需要 a < b"),
    "dist.not_uncertain": (
        "this field cannot be uncertain; write one number",
        "该字段不能写成分布；请写一个数",
    ),
    "dist.low_high": ("low must not be above high", "low 不能大于 high"),
    "dist.mode": ("needs low ≤ mode ≤ high", "需要 low ≤ mode ≤ high"),
    "dist.sd": ("sd must be 0 or more", "sd 不能为负数"),
    "dist.rate_range": (
        "a rate interval must lie within [{low}, {high}]",
        "比率区间必须在 [{low}, {high}] 之内",
    ),
    "dist.range": (
        "the interval must lie within [{low}, {high}]",
        "区间必须在 [{low}, {high}] 之内",
    ),
    "hint.percents": (
        "write {low}% and {high}% for percentages",
        "百分比请写成 {low}% 和 {high}%",
    ),
    "dist.shape": (
        "a distribution is {{low, high}}, {{low, mode, high}} or {{mean, sd}}",
        "分布应写成 {{low, high}}、{{low, mode, high}} 或 {{mean, sd}}",
    ),
    "hint.got_keys": ("got keys {keys}", "实际的键：{keys}"),
    # structure of a scenario (SPEC §3)
    "scenario.not_mapping": (
        "a scenario file must be a mapping of keys (name:, merchants: …)",
        "场景文件必须是键值映射（name:、merchants: …）",
    ),
    "section.not_mapping": ("must be a mapping of keys", "必须是键值映射"),
    "key.unknown": ("unknown key", "未知的键"),
    "hint.known_keys": ("known keys: {keys}", "可用的键：{keys}"),
    "key.missing": ("missing required key '{key}'", "缺少必填键 '{key}'"),
    "content.private_and_fans": (
        "give private_uv or fans (with reach_rate), not both",
        "private_uv 与 fans（配合 reach_rate）只能二选一",
    ),
    "content.fans_reach": (
        "fans needs reach_rate (the share of fans who watch in a period)",
        "给了 fans 就需要 reach_rate（每期观看直播的粉丝比例）",
    ),
    "hint.add_reach": ("add reach_rate: 20%", "请加上 reach_rate: 20%"),
    # budgets instead of visitor counts (SPEC §3)
    "budget.not_both": (
        "give {visitors} or {budget}, not both",
        "{visitors} 与 {budget} 只能二选一",
    ),
    "hint.budget": ("{visitors} = {budget} ÷ {cost}", "{visitors} = {budget} ÷ {cost}"),
    "budget.cost": (
        "{budget} needs {cost} above 0 ({visitors} = {budget} ÷ {cost})",
        "给了 {budget} 就需要 {cost} 大于 0（{visitors} = {budget} ÷ {cost}）",
    ),
    "hint.add_cost": ("add {cost}: 0.5", "请加上 {cost}: 0.5"),
    "hint.or_budget": (
        "or give traffic_budget (uv = traffic_budget ÷ traffic_cost_per_uv)",
        "或写 traffic_budget（uv = traffic_budget ÷ traffic_cost_per_uv）",
    ),
    "policies.not_list": ("must be a list of policy ids", "必须是政策 id 列表"),
    "hint.policies_list": ("write policies: [id, ...]", "请写成 policies: [id, ...]"),
    "policies.item": (
        "must be a policy id or {{use: ID, ...overrides}}",
        "必须是政策 id 或 {{use: ID, ...覆盖项}}",
    ),
    "policy.name": (
        "must be text or {{zh: TEXT, en: TEXT}}",
        "必须是文本或 {{zh: 文本, en: 文本}}",
    ),
    "policy.roles": ("must be a list of roles", "必须是角色列表"),
    "hint.roles": ("write roles: [streamer, brand]", "请写成 roles: [streamer, brand]"),
    "policy.defs": ("must be a mapping of policy id → definition", "必须是“政策 id → 定义”的映射"),
    "policy.id": ("policy ids must be [a-z0-9_-]+", "政策 id 只能包含 [a-z0-9_-]"),
    "policy.unknown": ("unknown policy", "未知的政策"),
    "hint.see_policies": ("see `gmvcli policies`", "见 `gmvcli policies`"),
    "merchants.not_list": ("must be a list of merchants", "必须是商家列表"),
    "merchants.empty": ("needs at least one merchant", "至少需要一个商家"),
    "merchant.duplicate": (
        "duplicate merchant id (also merchants[{index}])",
        "商家 id 重复（merchants[{index}] 也用了它）",
    ),
    "merchant.no_model": (
        "a merchant needs a shelf: or a content: section (or both)",
        "商家至少需要 shelf: 或 content: 其中一段（也可以两段都写）",
    ),
    "forecast.no_reach": (
        "cannot forecast private visitors without reach_rate (share of fans who watch)",
        "没有 reach_rate（每期观看直播的粉丝比例）就无法预测私域访客",
    ),
    "hint.add_reach_content": (
        "add reach_rate: 20% to the content section",
        "请在 content 段加上 reach_rate: 20%",
    ),
    # reading files and YAML
    "file.utf8": ("the file is not valid UTF-8", "文件不是有效的 UTF-8 编码"),
    "hint.utf8": ("save it as UTF-8", "请以 UTF-8 编码保存"),
    "yaml.invalid": ("invalid YAML: {detail}", "YAML 格式错误：{detail}"),
    "yaml.nested": ("nested too deeply", "嵌套过深"),
    "yaml.tag": (
        "unsupported YAML tag; only plain values are read",
        "不支持的 YAML 标签；只读取普通值",
    ),
    "yaml.node": ("unsupported YAML node", "不支持的 YAML 节点"),
    "yaml.key_text": ("keys must be plain text", "键必须是普通文本"),
    "yaml.merge": (
        "YAML merge keys (<<) are not supported; write keys out",
        "不支持 YAML 合并键（<<）；请把键逐一写出",
    ),
    "yaml.duplicate": (
        "duplicate key (first written on line {line})",
        "重复的键（第 {line} 行已写过）",
    ),
    "yaml.aliases": (
        "aliases expand to over {limit} values (a 'billion laughs'?)",
        "别名展开超过 {limit} 个值（疑似“十亿笑声”攻击）",
    ),
    "yaml.depth": ("nested more than {depth} levels deep", "嵌套超过 {depth} 层"),
    "file.missing": ("no such file", "文件不存在"),
    "file.is_dir": ("is a directory", "是目录"),
    "file.no_yaml": (
        "no *.yaml or *.yml files in this directory",
        "目录中没有 *.yaml 或 *.yml 文件",
    ),
    "file.too_large": (
        "file too large ({size} bytes; at most 64 MiB)",
        "文件过大（{size} 字节；最多 64 MiB）",
    ),
    "file.unreadable": ("cannot read: {reason}", "无法读取：{reason}"),
}

#: PyYAML's own wording of a syntax problem → its Chinese (exact text; others get a general phrase)
YAML_PROBLEMS_ZH: dict[str, str] = {
    "mapping values are not allowed here": "此处不能出现映射值（冒号后是否少了空格，或缩进不对？）",
    "found character that cannot start any token": "出现了不能作为开头的字符（如制表符 Tab）",
    "could not find expected ':'": "缺少应有的冒号 ':'",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
    "did not find expected key": "缺少应有的键（缩进不对？）",
    "did not find expected node content": "缺少应有的内容",
    "found undefined alias": "引用了未定义的别名",
    "found duplicate anchor; first occurrence": "锚点重复",
    "expected ',' or ']', but got ':'": "应为 ',' 或 ']'，却是 ':'",
    "found unknown escape character": "未知的转义字符",
    "while parsing a block mapping": "解析块映射时出错",
    "while parsing a block collection": "解析块列表时出错",
    "while parsing a flow sequence": "解析行内列表时出错",
    "while parsing a flow mapping": "解析行内映射时出错",
    "while scanning a quoted scalar": "解析带引号的文本时出错",
    "while scanning a simple key": "解析键时出错",
    "while scanning an alias": "解析别名时出错",
    "while scanning an anchor": "解析锚点时出错",
    "while scanning a directive": "解析指令时出错",
    "while scanning a block scalar": "解析块文本时出错",
}

TEXTS.update(
    {
        # test files (SPEC §9)
        "testfile.no_files": (
            "no *.test.yaml files in this directory",
            "目录中没有 *.test.yaml 文件",
        ),
        "testfile.not_test_file": (
            "not a test file: its top level needs a `tests:` list",
            "不是测试文件：顶层需要 `tests:` 列表",
        ),
        "hint.tests": (
            "write tests: [{{name: ..., scenario: ..., expect: {{...}}}}]",
            "请写成 tests: [{{name: ..., scenario: ..., expect: {{...}}}}]",
        ),
        "testfile.not_list": ("must be a list of tests", "必须是测试列表"),
        "testfile.empty": ("needs at least one test", "至少需要一个测试"),
        "testfile.not_mapping": (
            "must be a mapping (name:, scenario:, expect:)",
            "必须是映射（name:、scenario:、expect:）",
        ),
        "testfile.expect_mapping": (
            "must be a mapping of output paths to expected values",
            "必须是“输出路径 → 期望值”的映射",
        ),
        "testfile.expect_empty": ("needs at least one expected value", "至少需要一个期望值"),
        "testfile.not_path": ("not an output path", "不是输出路径"),
        "hint.output_path": (
            "write MERCHANT_ID.key.key, with [i] for list items, e.g. weiwei.periods[5].content.gmv",
            "请写成 商家ID.键.键，列表项用 [i]，例如 weiwei.periods[5].content.gmv",
        ),
        "testfile.expected_value": (
            "must be a number, text, null or {{min: X, max: Y}}",
            "必须是数字、文本、null 或 {{min: X, max: Y}}",
        ),
        "testfile.bounds_empty": ("needs min:, max: or both", "需要 min:、max: 或两者都写"),
        "testfile.bounds_order": ("must not be less than min", "不能小于 min"),
        "testfile.set_mapping": (
            "must be a mapping of [MERCHANT_ID:]PATH to value",
            "必须是“[商家ID:]路径 → 值”的映射",
        ),
        "hint.set": (
            'write set: {{"weiwei:content.aov": 99}}',
            '请写成 set: {{"weiwei:content.aov": 99}}',
        ),
        "testfile.unknown_field": ("unknown field '{path}'", "未知的字段 '{path}'"),
        "hint.valid_fields": ("valid fields: {valid}", "可用的字段：{valid}"),
        "hint.looked_for": ("looked for {path}", "查找的路径是 {path}"),
        "testfile.scenario_ref": (
            "must be the path of a scenario file (relative to this file) or an inline scenario mapping",
            "必须是场景文件的路径（相对于本测试文件）或内联的场景映射",
        ),
        "testfile.scenario_dir": ("is a directory, not a scenario file", "是目录，不是场景文件"),
        "testfile.set_no_merchant": ("no merchant '{id}' in the scenario", "场景中没有商家 '{id}'"),
        "hint.merchants": ("merchants: {ids}", "现有商家：{ids}"),
        "testfile.set_nothing": (
            "changes nothing: no merchant in the scenario has a {section} section",
            "不起作用：场景中没有商家有 {section} 段",
        ),
        # what the operating system said, as people say it
        "os.access": ("permission denied", "没有权限"),
        "os.missing": ("no such file or directory", "文件或目录不存在"),
        "os.is_dir": ("is a directory", "是目录"),
        "os.not_dir": ("a part of the path is not a directory", "路径中有一部分不是目录"),
        "os.full": ("no space left on the device", "磁盘空间不足"),
        "os.read_only": ("read-only file system", "只读文件系统"),
        "os.name_too_long": ("file name too long", "文件名过长"),
        "os.closed": ("the stream is closed", "数据流已关闭"),
        "os.io": ("input/output error", "输入输出错误"),
    }
)
