"""`drafter serve`: the local web page (drafter/web), on this computer by default."""
from __future__ import annotations

import click

from drafter.errors import DrafterError


def _host(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """--host: an IP address or a name this computer resolves (a usage error otherwise, exit 2)."""
    from drafter.web.server import valid_host

    if not valid_host(value):
        raise click.BadParameter(f"“{value}”不是有效的地址：请用 127.0.0.1（仅本机）、0.0.0.0（所有网卡）"
                                 "或本机的某个 IP 地址")
    return value


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, callback=_host,
              help="监听地址；不是本机地址（如 0.0.0.0）时需凭启动时显示的访问令牌打开")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="端口（0：任选空闲端口）")
@click.option("--kit", default=None, help="报告模板（kit）名称或文件夹：网页上生成的所有报告都用它")
@click.option("--no-browser", is_flag=True, help="启动后不自动打开浏览器")
def serve(host: str, port: int, kit: str | None, no_browser: bool) -> None:
    """启动本机网页：下载起步文件、上传输入、查看检查结果、预览并下载报告、比较、更新和批量生成。"""
    from drafter.cli import fail
    from drafter.web.server import run

    try:
        run(host, port, kit, open_browser=not no_browser, echo=lambda line: click.echo(line))
    except DrafterError as exc:
        fail(exc)
