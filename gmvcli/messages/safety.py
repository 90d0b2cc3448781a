"""Messages of hardening (SPEC §2, §7, §9): output targets, standard streams, bounded inputs,
confined test scenarios and unit checks (code → (en, zh))."""

TEXTS: dict[str, tuple[str, str]] = {
    # -o FILE (gmvcli.output)
    "output.empty": ("-o: the file name is empty", "-o：文件名为空"),
    "output.read_only": (
        "{file}: cannot write: directory {dir} is not writable",
        "{file}：无法写入：目录 {dir} 不可写",
    ),
    "output.not_dir": (
        "{file}: cannot write: {dir} is not a directory",
        "{file}：无法写入：{dir} 不是目录",
    ),
    "output.too_long": (
        "{file}: cannot write: the file name is too long",
        "{file}：无法写入：文件名过长",
    ),
    "output.full": (
        "{file}: cannot write: no space left on the device",
        "{file}：无法写入：设备空间已满",
    ),
    "output.own_input": (
        "{file}: refusing to write over an input of this run (choose another -o file)",
        "{file}：拒绝覆盖本次运行的输入文件（请换一个 -o 文件）",
    ),
    "output.interrupted": ("interrupted; {file} was not written", "已中断；未写入 {file}"),
    # standard output (gmvcli.cli.safety)
    "stdout.closed": (
        "gmvcli: error: cannot write the output: standard output is closed",
        "gmvcli：错误：无法输出结果：标准输出已关闭",
    ),
    "stdout.full": (
        "gmvcli: error: cannot write the output: no space left on the device",
        "gmvcli：错误：无法输出结果：设备空间已满",
    ),
    "stdout.failed": (
        "gmvcli: error: cannot write the output: {reason}",
        "gmvcli：错误：无法输出结果：{reason}",
    ),
    # inputs (gmvcli.inputs, gmvcli.loader)
    "input.too_large": (
        "input too large ({size}; at most 64 MiB)",
        "输入过大（{size}；最多 64 MiB）",
    ),
    "input.more_than_limit": ("more than 64 MiB", "超过 64 MiB"),
    "input.bytes": ("{count} bytes", "{count} 字节"),
    "input.stdin_closed": (
        "cannot read: standard input is closed",
        "无法读取：标准输入已关闭",
    ),
    "input.not_regular": (
        "cannot read: not a regular file (a device, FIFO or socket)",
        "无法读取：不是普通文件（是设备、FIFO 或套接字）",
    ),
    "yaml.expansion": (
        "aliases expand the document past {times}× its size (a YAML alias bomb?); "
        "write the values out",
        "别名展开后超过文档大小的 {times} 倍（YAML 别名炸弹？）；请直接写出各个值",
    ),
    # gmvcli test: scenario paths confined to the tree being tested (SPEC §9)
    "test.scenario_absolute": (
        "must be a path relative to the test file, not an absolute path",
        "必须是相对于测试文件的路径，不能是绝对路径",
    ),
    "test.scenario_outside": ("leaves the tree being tested", "超出了被测试的目录树"),
    "hint.test_root": (
        "scenarios must lie inside {root} (the current directory, or --root DIR)",
        "场景文件必须位于 {root} 之内（当前目录，或 --root DIR）",
    ),
    # units (SPEC §2)
    "hint.duration_forms": (
        "write minutes such as 6, 4.5 or 4:30 (m:ss), or h:mm:ss",
        "请写成分钟数，例如 6、4.5 或 4:30（分:秒），或 时:分:秒",
    ),
    "value.conversion_over": (
        "watch_minutes × orders_per_minute = {value} orders per visitor (over 100%)",
        "watch_minutes × orders_per_minute = {value}，即每位访客超过 1 单（超过 100%）",
    ),
    "hint.conversion_units": (
        "orders_per_minute is per visitor-minute (0.5% = 0.005); watch_minutes is minutes",
        "orders_per_minute 是每位访客每分钟的订单数（0.5% 即 0.005）；watch_minutes 的单位是分钟",
    ),
    "conversion_high": (
        "{fields} = {value}: over 30% of visitors order; check the units (0.5% = 0.005)",
        "{fields} = {value}：超过 30% 的访客下单，请检查单位（0.5% 即 0.005）",
    ),
    # gmvcli test --root (SPEC §9)
    "help.opt.root": (
        "Scenarios named by tests must lie inside DIR (default: the current directory).",
        "测试引用的场景文件必须位于 DIR 之内（默认：当前目录）。",
    ),
    "help.opt.root.metavar": ("DIR", "目录"),
    # sweep: the limit counts rows (SPEC §8, issue 11)
    "vary.too_many_rows": (
        "a grid of {size} points for {merchants} merchants is {rows} rows, more than {max}; "
        "use a larger STEP, fewer values or --merchant",
        "网格 {size} 个点 × {merchants} 个商家共 {rows} 行，超过上限 {max}；"
        "请加大步长、减少取值或用 --merchant",
    ),
}
