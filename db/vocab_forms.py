"""How a choice typed in a ledger is reduced to one comparable form before db.vocab looks it up.

Offices write the same choice many ways: "合同　纠纷" with an ideographic space, "ＭＡＬＥ" in
full-width letters, 婚姻家庭糾紛 in traditional characters from a Hong Kong or Taiwan template,
a no-break space pasted from a web page. `form_key()` turns all of these into one key: NFKC
(full-width → half-width, U+3000 and NBSP → space), no whitespace or zero-width marks at all,
no hyphens, underscores or apostrophes between letters (so "Full-time", "full time" and
"full_time" agree), case-folded, traditional characters replaced by simplified ones.

The traditional → simplified table is made by hand for the characters db.vocab needs: every
character of a label, alias, prefix or suffix there, and the 56 ethnic group names. It maps one
character to one character, so it is only safe for those words; it is not a general converter
(that needs phrases: 乾 is 干 in 乾燥 but stays in 乾坤). tests/db/test_vocab.py checks that no
character it changes appears in a simplified label, so a label is never altered by it.
"""

from __future__ import annotations

import re
import unicodedata

# A choice is a few words; anything longer is some other cell (a note, an address). The raw
# limit is checked before NFKC so a pasted paragraph costs nothing; the other once spaces are gone,
# so a cell padded with spaces still counts.
MAX_RAW_LENGTH = 500
MAX_FORM_LENGTH = 60
_LINE_SPACE = frozenset("\t\n\r\x0b\x0c")  # the control characters that are only layout

# Marks that join words in English labels ("Full-time", "De'ang", "full_time") and mean nothing
# there; only between two letters, so "-1" stays a negative number and matches nothing.
_JOINERS = re.compile(r"(?<=[^\W\d_])[-_'’‘](?=[^\W\d_])")

# Traditional (and variant) character → the simplified one db.vocab's forms use, written as pairs
# and grouped by the words they come from, so a missing character is easy to spot.
_T2S_PAIRS = (
    # 民族: the 56 names and GB 3304's 外国血统中国籍人士
    "漢汉 壯壮 滿满 維维 爾尔 鮮鲜 瑤瑶 薩萨 東东 鄉乡 納纳 頗颇 達达 錫锡 烏乌 別别 羅罗 溫温 獨独 龍龙 倫伦 "
    "門门 諾诺 畬畲 彞彝 羗羌 囘回 囬回 國国 統统",
    # 纠纷类型 and their long and short forms
    "糾纠 紛纷 鄰邻 關关 係系 產产 産产 損损 賠赔 償偿 遷迁 環环 汙污 勞劳 動动 爭争 議议 費费 權权 醫医 療疗 "
    "類类 業业 營营 經经 徵征",
    # 案件来源, 调解结果, 回访
    "當当 員员 請请 調调 會会 託托 協协 結结 敗败 終终 進进 辦办 沒没 較较 險险 風风",
    # 党员, 网格, 志愿者, 学历, 账号, 三会一课
    "黨党 預预 備备 職职 聯联 繫系 離离 區区 轉转 組组 織织 識识 冊册 開开 報报 務务 題题 課课 講讲 評评 訓训 "
    "錄录 録录 讀读 總总 網网 專专 崗岗 長长 無无 學学 歷历 曆历 碩硕 畢毕 參参 衹只 眾众 衆众 羣群 願愿 戶户 "
    "銷销 註注 機机 資资 裏里 裡里",
    # 房屋, 户籍, 与户主关系, 政治面貌
    "親亲 兒儿 團团 孫孙 實实 屬属 暫暂 來来 標标 樓楼 賃赁 鋪铺 舖铺 閒闲 閑闲 壻婿",
    # 事件: 类别, 状态, 处置
    "價价 衛卫 處处 複复 復复 見见 記记 訴诉 閉闭 隱隐 為为 爲为",
    # 道德银行: 积分类别, 流水, 上限, 申报
    "兌兑 沖冲 衝冲 廢废 異异 換换 積积 獲获 穫获 賬账 過过 項项",
)
T2S: dict[str, str] = {pair[0]: pair[1] for group in _T2S_PAIRS for pair in group.split()}

_T2S_TABLE = str.maketrans(T2S)


def to_simplified(text: str) -> str:
    """`text` with the table's traditional characters replaced by simplified ones."""
    return text.translate(_T2S_TABLE)


_PLAIN_DIGIT = re.compile("[0-9\uff10-\uff19]")


def form_key(text: object) -> str:
    """The comparable form of a ledger value; "" when it cannot be any choice.

    "" comes back for blanks, for text longer than a choice can be, and for text holding control
    characters or unassigned/private-use code points: such a value matches nothing.
    """
    if isinstance(text, bool) or not isinstance(text, str | int):
        return ""
    if isinstance(text, int) and text.bit_length() > 64:
        return ""
    text = str(text)
    if len(text) > MAX_RAW_LENGTH or any(ch.isdigit() and not _PLAIN_DIGIT.match(ch) for ch in text):
        return ""  # ² or ١٢ would become a GB 3304 number under NFKC
    kept = []
    for ch in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(ch)
        if category[0] == "Z" or ch in _LINE_SPACE:  # spaces of every width, line breaks
            continue
        if category == "Cf":  # zero-width spaces, joiners, BOM, soft hyphen: invisible, dropped
            continue
        if category[0] == "C":  # other control characters, surrogates, private use, unassigned
            return ""
        kept.append(ch)
    if len(kept) > MAX_FORM_LENGTH:
        return ""
    return to_simplified(_JOINERS.sub("", "".join(kept)).casefold())
