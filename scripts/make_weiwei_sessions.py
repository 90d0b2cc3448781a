#!/usr/bin/env python3
"""Generate the example back-office export of 薇薇's live sessions (illustrative numbers, seeded).

    python scripts/make_weiwei_sessions.py        # rewrites scenarios/actuals/weiwei-sessions.{csv,xlsx}

About 90 sessions from 2024-11-01 to 2025-01-31 for the merchant of scenarios/weiwei-factory.yaml,
with the zh headers a shop's back office writes, saved as a GBK CSV (what Chinese Excel and WPS save)
and as an XLSX workbook. The story: November runs below plan (shorter watch time, fewer orders per
minute), 双12 in December lifts it, January slows before the Spring Festival; AOV runs a little
above plan. The numbers are made up to be plausible; they are not anyone's real data.
Needs openpyxl (`pip install 'gmvcli[review]'`).
"""

from __future__ import annotations

import csv
import datetime as dt
import pathlib
import random

SEED = 20241101
OUT = pathlib.Path(__file__).resolve().parent.parent / "scenarios" / "actuals"
ACCOUNT = "大进针织工厂（主播薇薇）"
HEADERS = [
    "开播时间",
    "账号",
    "观看人数",
    "粉丝观看人数",
    "付费观看人数",
    "人均观看时长",
    "成交订单数",
    "成交人数",
    "成交金额(元)",
    "退款金额(元)",
    "小店通消耗(元)",
    "新增粉丝",
]
#: per month: (sessions, viewers per session, watch minutes, buyers per visitor-minute, AOV)
MONTHS = {
    (2024, 11): (31, 5000, 3.6, 0.0041, 112.0),
    (2024, 12): (32, 5400, 3.95, 0.0047, 116.0),
    (2025, 1): (28, 4900, 3.5, 0.0040, 114.0),
}


def sessions(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = []
    for month_index, ((year, month), (count, viewers, minutes, rate, aov)) in enumerate(
        MONTHS.items()
    ):
        days = 30 if month == 11 else 31
        chosen = sorted(rng.sample(range(1, days + 1), k=min(count, days)))
        extra = count - len(chosen)  # a second (afternoon) session on a few days
        doubles = set(rng.sample(chosen, k=extra)) if extra > 0 else set()
        for day in chosen:
            starts = [dt.time(19, 30)] + ([dt.time(14, 0)] if day in doubles else [])
            for start in sorted(starts):
                big = 1.6 if (month == 12 and day in (10, 11, 12)) else 1.0  # 双12
                uv = max(800, round(rng.gauss(viewers, viewers * 0.22) * big))
                private = round(uv * rng.uniform(0.28, 0.36))
                public = round(uv * rng.uniform(0.55, 0.64))
                watch = max(1.5, rng.gauss(minutes, 0.35))
                buyers = max(0, round(uv * watch * rng.gauss(rate, rate * 0.12)))
                orders = buyers + sum(1 for _ in range(buyers) if rng.random() < 0.2)
                gmv = round(orders * rng.gauss(aov, 7.0), 2) if orders else 0.0
                refunds = round(gmv * rng.uniform(0.22, 0.31), 2)
                cost = round(public * 0.6 * 1.02**month_index * rng.uniform(0.97, 1.04), 2)
                fans = round(public * rng.uniform(0.11, 0.16))
                seconds = round(watch * 60)
                rows.append(
                    [
                        dt.datetime.combine(dt.date(year, month, day), start),
                        ACCOUNT,
                        uv,
                        private,
                        public,
                        f"{seconds // 60}:{seconds % 60:02d}",
                        orders,
                        buyers,
                        gmv,
                        refunds,
                        cost,
                        fans,
                    ]
                )
    return rows


def main() -> None:
    rows = sessions(random.Random(SEED))
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "weiwei-sessions.csv", "w", encoding="gbk", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")  # as Excel writes it
        writer.writerow(HEADERS)
        for row in rows:
            when = row[0]
            assert isinstance(when, dt.datetime)
            writer.writerow([when.strftime("%Y/%m/%d %H:%M"), *row[1:]])
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "直播数据"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    for cell in sheet["A"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm"
    book.properties.creator = "gmvcli scripts/make_weiwei_sessions.py"
    fixed = dt.datetime(2025, 2, 1)
    book.properties.created = book.properties.modified = fixed  # a reproducible file
    book.save(OUT / "weiwei-sessions.xlsx")
    print(f"{len(rows)} sessions → {OUT}/weiwei-sessions.csv (GBK), weiwei-sessions.xlsx")


if __name__ == "__main__":
    main()
