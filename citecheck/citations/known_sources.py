"""Publishers, outlets, agencies and places that tell a Japanese source from a Chinese one.

A title written only in kanji (防衛白書, 国家安全保障戦略) does not say which language
it is in; who published it does. Names are written here in any variant form: they
are compared folded (simplified forms, no spaces or punctuation, see `scripts.fold`).
"""

from __future__ import annotations


def _listed(names: str) -> tuple[str, ...]:
    """Names written as one space-separated string, easier to read than a list of literals."""
    return tuple(names.split())


JAPANESE_SOURCES = _listed(
    # government and research institutes
    "防衛省 防衛庁 防衛研究所 外務省 内閣官房 内閣府 首相官邸 国家安全保障会議 経済産業省"
    " 財務省 総務省 国立国会図書館 日本国際問題研究所 平和・安全保障研究所 霞山会"
    # newspapers, agencies and broadcasters
    " 朝日新聞 毎日新聞 読売新聞 産経新聞 日本経済新聞 日経 東京新聞 北海道新聞"
    " 西日本新聞 静岡新聞 朝雲新聞 時事通信 共同通信 NHK 日本放送協会"
    # publishers
    " 岩波書店 有斐閣 中央公論新社 中央公論 東京大学出版会 慶應義塾大学出版会 勁草書房"
    " 千倉書房 文藝春秋 新潮社 講談社 筑摩書房 日本評論社 東洋経済新報社 日本経済新聞出版"
)

#: Serial government documents whose title alone names a Japanese source.
JAPANESE_TITLES = _listed("防衛白書 外交青書 通商白書 国家安全保障戦略 国家防衛戦略 防衛力整備計画")

CHINESE_SOURCES = _listed(
    # party, state and army
    "中共中央 国务院 全国人民代表大会 全国人大 外交部 国防部 国家统计局 国务院新闻办公室"
    # newspapers, agencies, broadcasters and websites
    " 人民日报 解放军报 新华社 新华网 新华每日电讯 求是 环球时报 光明日报 经济日报"
    " 中国日报 学习时报 人民网 央视 中国中央电视台 中国新闻社 中国新闻网 中新社 参考消息"
    " 澎湃新闻 中国军网 中国青年报 中国青年网 界面新闻 财新 搜狐 新浪 联合报 中央社"
    " 自由时报 大公报 文汇报 明报 中文网 中国语版"
    # publishers and research institutes
    " 人民出版社 中央文献出版社 世界知识出版社 社会科学文献出版社 外文出版社 学习出版社"
    " 时事出版社 商务印书馆 中国社会科学出版社 中国社会科学院 中国现代国际关系研究院"
    " 中国国际问题研究院 上海国际问题研究院"
)

#: Journals, matched against the whole container title: their names are common words
#: (『外交』, 『世界』) that other titles contain.
JAPANESE_JOURNALS = _listed(
    "東亜 外交 世界 国際政治 国際問題 国際安全保障 防衛学研究 中央公論 軍縮研究 海外事情"
    " 国際情勢紀要 安全保障研究"
)
CHINESE_JOURNALS = _listed(
    "国际展望 世界经济与政治 国际问题研究 现代国际关系 当代世界 外交评论 国际安全研究"
    " 国际政治研究 西亚非洲 东北亚论坛 俄罗斯东欧中亚研究 太平洋学报 和平与发展"
)

JAPANESE_PLACES = _listed("東京 京都 大阪 名古屋 横浜 神戸 福岡 札幌 仙台")
CHINESE_PLACES = _listed("北京 上海 天津 南京 広州 香港 台北 重慶 武漢 西安 長春 成都 杭州 澳門")
