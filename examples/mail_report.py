"""Mail the Friday report: a proper MIME message with the 通报 (or any report file) attached.

    python examples/mail_report.py out/督办通报.docx --to 各处室联络员@example.gov.cn
    python examples/mail_report.py out/周报.html out/督办通报.docx --to a@example.gov.cn,b@example.gov.cn

The message has From, To, Date, Message-ID, MIME-Version, an RFC 2047 subject (Chinese survives every mail
server) and each file attached with its type; an HTML report is also the mail's body. The mail server is
``--smtp HOST[:PORT]`` or the ``FAZHI_SMTP`` variable (default ``localhost:25``, the server's own mail agent);
``--starttls`` and ``--user`` (password in ``FAZHI_SMTP_PASSWORD``, never on the command line) for a
server that asks for them. Exit 2 with one line on stderr when a file is missing or the server refuses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import mimetypes
import os
import smtplib
import socket
import sys
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from zoneinfo import ZoneInfo

#: Types for the report formats (mimetypes does not know .docx on every system).
TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".html": "text/html",
    ".json": "application/json",
    ".md": "text/markdown",
    ".txt": "text/plain",
}


def build_message(files: list[Path], *, to: list[str], sender: str, subject: str, body: str) -> EmailMessage:
    """The message: plain-text body (and the HTML report as its alternative), every file attached."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    msg.set_content(body)
    html = next((f for f in files if f.suffix.lower() in (".html", ".htm")), None)
    if html is not None:
        msg.add_alternative(html.read_text(encoding="utf-8"), subtype="html")
    for file in files:
        kind = TYPES.get(file.suffix.lower()) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        maintype, subtype = kind.split("/", 1)
        msg.add_attachment(file.read_bytes(), maintype=maintype, subtype=subtype, filename=file.name)
    return msg


def send(msg: EmailMessage, server: str, *, starttls: bool = False, user: str | None = None) -> None:
    """Hand the message to the SMTP server ``HOST[:PORT]``."""
    host, _, port = server.partition(":")
    with smtplib.SMTP(host or "localhost", int(port or 25), timeout=60) as smtp:
        if starttls:
            smtp.starttls()
        if user:
            smtp.login(user, os.environ.get("FAZHI_SMTP_PASSWORD", ""))
        smtp.send_message(msg)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path, help="report files to attach (.docx, .html, .xlsx, …)")
    parser.add_argument("--to", required=True, help="recipients, separated by commas")
    parser.add_argument("--from", dest="sender", default=os.environ.get("FAZHI_MAIL_FROM"),
                        help="the sender (default FAZHI_MAIL_FROM, else user@host)")
    parser.add_argument("--subject", help="default: 法治政府建设示范创建督办通报（today's date）")
    parser.add_argument("--smtp", default=os.environ.get("FAZHI_SMTP", "localhost:25"), help="HOST[:PORT]")
    parser.add_argument("--starttls", action="store_true", help="switch to TLS before logging in")
    parser.add_argument("--user", help="log in as this user (password in FAZHI_SMTP_PASSWORD)")
    args = parser.parse_args(argv)
    missing = [f for f in args.files if not f.is_file()]
    if missing:
        print(f"mail_report: 错误: 找不到要发送的文件 {missing[0]}", file=sys.stderr)
        return 2
    today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    subject = args.subject or f"法治政府建设示范创建督办通报（{today.year}年{today.month}月{today.day}日）"
    sender = args.sender or f"{getpass.getuser()}@{socket.getfqdn()}"
    names = "、".join(f.name for f in args.files)
    body = f"各位：\n\n附件为{subject}（{names}），请查收。\n"
    msg = build_message(args.files, to=[a.strip() for a in args.to.split(",") if a.strip()], sender=sender,
                        subject=subject, body=body)
    try:
        send(msg, args.smtp, starttls=args.starttls, user=args.user)
    except (OSError, smtplib.SMTPException) as exc:
        print(f"mail_report: 错误: 邮件服务器 {args.smtp} 未接收：{exc}", file=sys.stderr)
        return 2
    print(f"已发送：{subject} → {msg['To']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
