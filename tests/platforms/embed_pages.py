"""Widget pages shaped like t.me's `?embed=1` answers, for the handler tests."""

from __future__ import annotations


def existing_post(channel: str, post_id: str, text: str = "Звіт розвідки") -> bytes:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Telegram Widget</title>'
        '</head><body class="body_widget_post emoji_image nodark">'
        '<div class="tgme_widget_message text_not_supported_wrap js-widget_message" '
        f'data-post="{channel}/{post_id}" data-view="eyJjIjo" data-peer="c1234_5678">'
        '<div class="tgme_widget_message_user"><a href="https://t.me/'
        f'{channel}"></a></div><div class="tgme_widget_message_bubble">'
        f'<div class="tgme_widget_message_text js-message_text" dir="auto">{text}</div>'
        '<div class="tgme_widget_message_footer"><a class="tgme_widget_message_date" '
        f'href="https://t.me/{channel}/{post_id}"><time datetime="2024-02-15T10:00:00+00:00">'
        "</time></a></div></div></div></body></html>"
    ).encode()


def missing_post(channel: str, post_id: str) -> bytes:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Telegram Widget</title>'
        '</head><body class="body_widget_post emoji_image nodark">'
        '<div class="tgme_widget_message text_not_supported_wrap js-widget_message" '
        f'data-post="{channel}/{post_id}"><div class="tgme_widget_message_bubble">'
        '<div class="tgme_widget_message_error">Post not found</div></div></div>'
        "</body></html>"
    ).encode()
