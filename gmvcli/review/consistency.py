"""Rows whose cells contradict each other (more buyers than orders, GMV without orders, …): errors,
or warnings where a real export can hold them."""

from __future__ import annotations

from operator import add, gt

from gmvcli.review.issues import Issue


def contradictions(
    file: str,
    headers: dict[str, str],
    lines: list[int],
    values: dict[str, list[float]],
    channels: list[str],
    warnings: list[Issue],
) -> list[Issue]:
    """Rows whose cells contradict each other: errors, or warnings where a real export can hold
    them. Each rule is one comprehension over the columns, so a clean export costs little."""
    errors: list[Issue] = []
    orders, gmv, uv = values["orders"], values["gmv"], values["uv"]
    buyers = values.get("buyers")
    refunds = values.get("refunds")
    minutes = values.get("watch_minutes")
    private, public = values.get("private_uv"), values.get("public_uv")
    n = len(lines)

    def fault(code: str, i: int, column: str, got: float, **params: object) -> None:
        errors.append(
            Issue(code, file, lines[i], headers[column], _num(got), tuple(params.items()))
        )

    def warn(code: str, i: int, column: str, **params: object) -> None:
        items = (("row", lines[i]), *params.items())
        warnings.append(Issue(code, file, lines[i], headers[column], None, items, warning=True))

    if buyers is not None and any(map(gt, buyers, orders)):
        for i in [i for i in range(n) if buyers[i] > orders[i]]:
            fault(
                "review.buyers_over_orders",
                i,
                "buyers",
                buyers[i],
                buyers=_num(buyers[i]),
                orders=_num(orders[i]),
            )
    zero_orders, zero_gmv = orders.count(0.0), gmv.count(0.0)
    odd = (
        [i for i, (o, g) in enumerate(zip(orders, gmv, strict=True)) if (o == 0) != (g == 0)]
        if zero_orders or zero_gmv
        else []
    )
    for i in odd:
        if orders[i] == 0:
            fault("review.gmv_without_orders", i, "gmv", gmv[i], gmv=_num(gmv[i]))
        else:
            warn("review.warn_orders_no_gmv", i, "gmv", orders=_num(orders[i]))
    no_time = [0.0] * n if minutes is None else minutes
    suspects = (
        [i for i in range(n) if orders[i] > 0 and (uv[i] == 0 or no_time[i] == 0)]
        if uv.count(0.0) or no_time.count(0.0)
        else []
    )
    for i in suspects:
        if uv[i] == 0 or channels[i] == "content":
            fault("review.orders_without_uv", i, "orders", orders[i], orders=_num(orders[i]))
    if private is not None and public is not None and any(map(gt, map(add, private, public), uv)):
        for i in [i for i in range(n) if private[i] + public[i] > uv[i] * (1 + 1e-9)]:
            split = private[i] + public[i]
            fault("review.split_over_uv", i, "uv", uv[i], split=_num(split), uv=_num(uv[i]))
    if refunds is not None and any(map(gt, refunds, gmv)):
        for i in [i for i in range(n) if refunds[i] > gmv[i] > 0]:
            warn(
                "review.warn_refunds_over_gmv",
                i,
                "refunds",
                refunds=_num(refunds[i]),
                gmv=_num(gmv[i]),
            )
    return errors


def _num(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"
