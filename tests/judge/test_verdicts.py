"""Every row of the verdict table (DESIGN.md §2) and every known trap, on hand-built Checks."""

from __future__ import annotations

import pytest

from citecheck.model import Check, Hop, Link
from citecheck.verdicts import Observations, judge

HTML = "text/html; charset=utf-8"


def page(title: str, body: str = "", head: str = "") -> bytes:
    return (
        f"<!doctype html><html><head><meta charset=utf-8>{head}<title>{title}</title></head>"
        f"<body><h1>{title}</h1>{body}</body></html>"
    ).encode()


def answer(url, status=200, *, hops=(), final=None, body=b"", ctype=HTML, headers=(), error=None):
    return Check(
        url=url,
        method="GET",
        status=status,
        final_url=final or (None if status is None else url),
        hops=tuple(Hop(u, s) for u, s in hops),
        error=error,
        attempts=1,
        elapsed=0.05,
        headers=tuple(headers),
        body=body,
        content_type=ctype if body else None,
    )


ARTICLE = page("Article 7", "<p>Some cited content about the budget.</p>")
U = "http://site.example/news/2024/article-7"

# (case id, main check, expected state, expected reason, expected new_url)
TABLE = [
    ("ok-200", answer(U, body=ARTICLE), "resolvable", "ok", None),
    ("pdf-200", answer(U, body=b"%PDF-1.4", ctype="application/pdf"), "resolvable", "ok", None),
    (
        "http-to-https",
        answer(U, hops=[(U, 301)], final=U.replace("http:", "https:"), body=ARTICLE),
        "resolvable",
        "trivial-redirect",
        None,
    ),
    (
        "trailing-slash-301",
        answer(U, hops=[(U, 301)], final=U + "/", body=ARTICLE),
        "resolvable",
        "trivial-redirect",
        None,
    ),
    (
        "www-and-host-case",
        answer(U, hops=[(U, 308)], final="https://WWW.Site.example/news/2024/article-7"),
        "resolvable",
        "trivial-redirect",
        None,
    ),
    (
        "index-file-dropped",
        answer(U + "/index.html", hops=[(U + "/index.html", 301)], final=U + "/", body=ARTICLE),
        "resolvable",
        "trivial-redirect",
        None,
    ),
    (
        "temporary-302-is-not-moved",
        answer(U, hops=[(U, 302)], final="http://site.example/cache/article-7?v=2", body=ARTICLE),
        "resolvable",
        "temporary-redirect",
        None,
    ),
    (
        "temporary-307-then-303-chain",
        answer(
            U,
            hops=[(U, 307), ("http://site.example/a", 303)],
            final="http://site.example/b",
            body=ARTICLE,
        ),
        "resolvable",
        "temporary-redirect",
        None,
    ),
    (
        "permanent-301-elsewhere",
        answer(U, hops=[(U, 301)], final="http://site.example/archive/7", body=ARTICLE),
        "moved",
        "permanent-redirect",
        "http://site.example/archive/7",
    ),
    (
        "permanent-308-other-host",
        answer(U, hops=[(U, 308)], final="https://new.example/7", body=ARTICLE),
        "moved",
        "permanent-redirect",
        "https://new.example/7",
    ),
    (
        "permanent-then-temporary-reports-permanent-target",
        answer(
            U,
            hops=[(U, 301), ("https://new.example/7", 302)],
            final="https://new.example/7?session=1",
            body=ARTICLE,
        ),
        "moved",
        "permanent-redirect",
        "https://new.example/7",
    ),
    ("404", answer(U, 404, body=page("Not Found")), "dead", "not-found", None),
    ("410", answer(U, 410, body=page("Gone")), "dead", "gone", None),
    (
        "redirect-to-404-page",
        answer(U, 404, hops=[(U, 301)], final="http://site.example/404.html"),
        "dead",
        "redirect-to-not-found",
        None,
    ),
    (
        "redirect-to-home-is-dead",
        answer(U, hops=[(U, 301)], final="http://site.example/", body=page("Home")),
        "dead",
        "redirect-to-root",
        None,
    ),
    (
        "temporary-redirect-to-language-home-is-dead",
        answer(U, hops=[(U, 302)], final="https://site.example/en/", body=page("Home")),
        "dead",
        "redirect-to-root",
        None,
    ),
    (
        "redirect-to-login-is-dead",
        answer(U, hops=[(U, 302)], final="https://site.example/users/sign_in?next=/x"),
        "dead",
        "redirect-to-login",
        None,
    ),
    (
        "redirect-to-an-error-page-that-answers-200",
        answer(U, hops=[(U, 302)], final="https://site.example/errors/404.html", body=ARTICLE),
        "dead",
        "redirect-to-not-found",
        None,
    ),
    ("dns", answer(U, None, error="dns"), "dead", "dns-not-found", None),
    ("loop", answer(U, 302, error="redirect-loop"), "dead", "redirect-loop", None),
    ("offline", answer(U, None, error="offline"), "inconclusive", "offline", None),
    ("timeout", answer(U, None, error="timeout"), "inconclusive", "timeout", None),
    ("refused", answer(U, None, error="refused"), "inconclusive", "refused", None),
    (
        "private-address",
        answer(U, None, error="private-address"),
        "inconclusive",
        "private-address",
        None,
    ),
    ("401", answer(U, 401), "inconclusive", "unauthorized", None),
    ("403-plain", answer(U, 403), "inconclusive", "forbidden", None),
    ("429", answer(U, 429), "inconclusive", "rate-limited", None),
    ("linkedin-999", answer(U, 999), "inconclusive", "refused-by-host", None),
    (
        "cloudflare-403-cf-mitigated",
        answer(U, 403, headers=[("cf-mitigated", "challenge")], body=page("Just a moment...")),
        "inconclusive",
        "bot-wall",
        None,
    ),
    (
        "challenge-page-with-503",
        answer(U, 503, body=page("Just a moment...")),
        "inconclusive",
        "bot-wall",
        None,
    ),
    (
        "challenge-page-with-200",
        answer(U, body=page("Attention Required! | Cloudflare")),
        "inconclusive",
        "bot-wall",
        None,
    ),
    ("500-after-retries", answer(U, 500), "inconclusive", "server-error", None),
    ("503-after-retries", answer(U, 503), "inconclusive", "server-error", None),
    ("400", answer(U, 400), "inconclusive", "http-400", None),
]


@pytest.mark.parametrize(
    ("main", "state", "reason", "new_url"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_verdict_table(main, state, reason, new_url):
    verdict = judge(Link(U, ("c1", "c2")), Observations(main))
    assert (verdict.state, verdict.reason, verdict.new_url) == (state, reason, new_url)


def test_verdict_carries_the_evidence():
    main = answer(U, hops=[(U, 301)], final="https://new.example/7", body=ARTICLE)
    verdict = judge(Link(U, ("n1-1",)), Observations(main))
    assert verdict.status == 200
    assert verdict.final_url == "https://new.example/7"
    assert [(h.url, h.status) for h in verdict.hops] == [(U, 301)]
    assert verdict.attempts == 1
    assert verdict.elapsed == pytest.approx(0.05)
    assert verdict.citation_ids == ("n1-1",)


def test_accepted_status_for_host_is_resolvable():
    verdict = judge(Link(U, ()), Observations(answer(U, 403), accepted=frozenset({403})))
    assert (verdict.state, verdict.reason) == ("resolvable", "accepted-status")


SOFT_404_TITLES = {
    "en": "Page not found – Example News",
    "en-404": "404 | Example",
    "ja": "お探しのページは見つかりませんでした",
    "ja-2": "ページが見つかりません｜防衛省",
    "zh-hans": "抱歉，您访问的页面不存在",
    "zh-hant": "找不到網頁",
    "ko": "요청하신 페이지를 찾을 수 없습니다",
    "ru": "Страница не найдена",
    "uk": "Сторінку не знайдено",
    "es": "Página no encontrada",
    "en-wordpress": "Oops! That page can’t be found.",
    "en-requested": "The requested URL was not found on this server",
    "en-no-longer": "This content is no longer available",
    "ja-404": "404エラー｜お知らせ",
    "ko-404": "오류 404",
}


@pytest.mark.parametrize("title", SOFT_404_TITLES.values(), ids=SOFT_404_TITLES.keys())
def test_soft_404_wording(title):
    verdict = judge(Link(U, ()), Observations(answer(U, body=page(title))))
    assert (verdict.state, verdict.reason) == ("dead", "soft-404")


ORDINARY_TITLES = [
    "Missing plane not found after week-long search",
    "中国の国防費、前年比7.2%増",
    "Россия и Китай: новая страница отношений",
    "북한 무역 동향 2024",
    "Error budgets in site reliability engineering",
    "The Soviet Union no longer exists, but its archives do",
    "Why we can't find the missing sailors",
    "404 Days of War: a chronology",
    "原因は見つかりませんでした",
    "Запрашиваемая страница истории",
]


@pytest.mark.parametrize("title", ORDINARY_TITLES)
def test_articles_that_mention_absence_are_not_soft_404(title):
    verdict = judge(Link(U, ()), Observations(answer(U, body=page(title, "<p>text</p>"))))
    assert verdict.state == "resolvable"


def _baseline(status: int, title: str, path: str = "/citecheck-0b8e-missing") -> Check:
    url = "http://site.example" + path
    return answer(url, status, body=page(title, f"<p>We looked for {path} everywhere.</p>"))


def test_page_like_the_hosts_404_page_is_dead():
    template = page("Example News", "<p>We looked for /news/2024/article-7 everywhere.</p>")
    obs = Observations(answer(U, body=template), baseline=_baseline(404, "Example News"))
    verdict = judge(Link(U, ()), obs)
    assert (verdict.state, verdict.reason) == ("dead", "soft-404-like-host-not-found")


def test_app_shell_for_any_path_is_inconclusive_not_dead():
    shell = page("X", "<p>We looked for /news/2024/article-7 everywhere.</p>")
    obs = Observations(answer(U, body=shell), baseline=_baseline(200, "X"))
    verdict = judge(Link(U, ()), obs)
    assert (verdict.state, verdict.reason) == ("inconclusive", "same-page-for-any-path")


def test_real_page_unlike_the_baseline_is_resolvable():
    obs = Observations(answer(U, body=ARTICLE), baseline=_baseline(404, "Not Found"))
    assert judge(Link(U, ()), obs).state == "resolvable"


REFRESH = page("Redirecting", head='<meta http-equiv="refresh" content="0; url=/ok/7-new">')


def test_meta_refresh_to_an_answering_page_is_moved():
    target = answer("http://site.example/ok/7-new", body=ARTICLE)
    verdict = judge(Link(U, ()), Observations(answer(U, body=REFRESH), refresh=target))
    assert (verdict.state, verdict.reason) == ("moved", "meta-refresh")
    assert verdict.new_url == "http://site.example/ok/7-new"
    assert verdict.attempts == 2


def test_meta_refresh_to_a_missing_page_is_dead():
    target = answer("http://site.example/ok/7-new", 404)
    verdict = judge(Link(U, ()), Observations(answer(U, body=REFRESH), refresh=target))
    assert (verdict.state, verdict.reason) == ("dead", "meta-refresh-not-found")


def test_meta_refresh_not_fetched_is_inconclusive():
    verdict = judge(Link(U, ()), Observations(answer(U, body=REFRESH)))
    assert verdict.state == "inconclusive"


def test_meta_refresh_to_itself_is_a_reload_not_a_move():
    reload_ = page(
        "Live blog", "<p>x</p>", head=f'<meta http-equiv="refresh" content="60; url={U}">'
    )
    assert judge(Link(U, ()), Observations(answer(U, body=reload_))).state == "resolvable"


SITE_TEMPLATE = "<nav>" + " ".join(f"Section{n} menu entry" for n in range(40)) + "</nav>"


def test_host_answering_any_path_with_one_full_page_is_dead_for_that_page():
    same = page("Example News", SITE_TEMPLATE + "<p>Latest headlines today.</p>")
    obs = Observations(answer(U, body=same), baseline=_baseline_body(200, same))
    verdict = judge(Link(U, ()), obs)
    assert (verdict.state, verdict.reason) == ("dead", "soft-404-same-page-for-any-path")


def test_real_article_on_a_host_answering_any_path_with_its_home_page_is_resolvable():
    home = page("Example News", SITE_TEMPLATE + "<p>Latest headlines today.</p>")
    article = page(
        "Example News",
        SITE_TEMPLATE + "<p>" + " ".join(f"budget paragraph {n}" for n in range(60)) + "</p>",
    )
    obs = Observations(answer(U, body=article), baseline=_baseline_body(200, home))
    assert judge(Link(U, ()), obs).state == "resolvable"


def test_cited_home_page_is_not_compared_with_a_baseline_redirected_home():
    root = "http://site.example/"
    home = page("Example News", SITE_TEMPLATE)
    baseline = answer(
        "http://site.example/citecheck-x-no-such-page",
        hops=[("http://site.example/citecheck-x-no-such-page", 302)],
        final=root,
        body=home,
    )
    verdict = judge(Link(root, ()), Observations(answer(root, body=home), baseline=baseline))
    assert (verdict.state, verdict.reason) == ("resolvable", "ok")


def _baseline_body(status: int, body: bytes) -> Check:
    url = "http://site.example/citecheck-0b8e-no-such-page"
    return answer(url, status, body=body)


def test_meta_refresh_to_the_site_root_is_dead():
    to_root = page("Moved", head='<meta http-equiv="refresh" content="0; url=/">')
    verdict = judge(Link(U, ()), Observations(answer(U, body=to_root)))
    assert (verdict.state, verdict.reason) == ("dead", "meta-refresh-to-root")


def test_binary_body_sent_as_html_is_not_parsed_as_a_page():
    bomb = b"\0" * 256 * 1024
    verdict = judge(Link(U, ()), Observations(answer(U, body=bomb)))
    assert (verdict.state, verdict.reason) == ("resolvable", "ok")


def test_charset_from_the_header_and_utf16_pages():
    title = "ページが見つかりません"
    sjis = f"<html><head><title>{title}</title></head><body></body></html>".encode("shift_jis")
    check = answer(U, body=sjis, headers=[("content-type", "text/html; charset=Shift_JIS")])
    assert judge(Link(U, ()), Observations(check)).reason == "soft-404"
    utf16 = f"<html><head><title>{title}</title></head></html>".encode("utf-16")
    assert judge(Link(U, ()), Observations(answer(U, body=utf16))).reason == "soft-404"
