"""SSH trainees: `ssh -p PORT NAME@HOST`, the join code as the password, the app in the terminal.

For trainees with a terminal but no Python: each SSH session gets a PTY
running the join app (`cold-to-gold join`, connected to the host over
loopback) under the name they logged in with. Needs the `ssh` extra (asyncssh).
The host key is kept in the data folder, so trainees' SSH clients recognise
the host from one class to the next.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import struct
import sys
import warnings
from typing import Any

from cold_to_gold import paths
from cold_to_gold.classroom.children import child_environment, remote_folder
from cold_to_gold.classroom.hub import Hub
from cold_to_gold.classroom.protocol import ProtocolError, clean_name


class SshUnavailable(Exception):
    """asyncssh is not installed (the `ssh` extra)."""


def _asyncssh() -> Any:
    try:
        with warnings.catch_warnings():  # its DSA support warns on import: noise for a host
            warnings.simplefilter("ignore")
            import asyncssh
    except ImportError:
        raise SshUnavailable(
            "joining by SSH needs the 'ssh' extra: pip install 'cold-to-gold[ssh]'"
        ) from None
    return asyncssh


def host_key() -> Any:
    """This host's SSH key, made once and kept in the data folder."""
    asyncssh = _asyncssh()
    path = paths.data_dir() / "classroom-ssh-host-key"
    if path.is_file():
        return asyncssh.read_private_key(str(path))
    key = asyncssh.generate_private_key("ssh-ed25519")
    path.parent.mkdir(parents=True, exist_ok=True)
    key.write_private_key(str(path))
    path.chmod(0o600)
    return key


def _set_size(fd: int, width: int, height: int) -> None:
    import fcntl  # POSIX only, like the PTY: imported where used
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height or 24, width or 80, 0, 0))


class SshFront:
    """An SSH server whose sessions run the join app for the one session it serves."""

    def __init__(self, hub: Hub) -> None:
        self.asyncssh = _asyncssh()
        self.hub = hub
        self.app_port = 0
        self.server: Any = None
        self.folder = remote_folder()

    async def start(self, bind: str, port: int, app_port: int) -> int:
        """Listen for SSH on `bind:port`; trainees' apps join the host at `app_port`."""
        asyncssh = self.asyncssh
        self.app_port = app_port
        hub = self.hub
        door = hub.door

        class Gate(asyncssh.SSHServer):
            """The join code as the password: a few tries per connection, and the door's
            limit on wrong codes per address (shared with `/ws` and the browser pages)."""

            def connection_made(self, conn: Any) -> None:
                self.conn = conn
                self.source = (conn.get_extra_info("peername") or ("?",))[0]
                self.tries = 0

            def begin_auth(self, username: str) -> bool:
                return True  # every trainee gives the join code

            def password_auth_supported(self) -> bool:
                return True

            def validate_password(self, username: str, password: str) -> bool:
                if not door.may_try(self.source):
                    self.conn.close()
                    return False
                if password.strip().upper() == hub.code:
                    return True
                hub.failed_attempt(self.source, "ssh")
                self.tries += 1
                if self.tries >= door.limits.ssh_tries:
                    self.conn.close()
                return False

        self.server = await asyncssh.create_server(
            Gate,
            bind,
            port,
            server_host_keys=[host_key()],
            process_factory=self.session,
            encoding=None,
            line_editor=False,
            login_timeout=max(door.limits.join_seconds, 30.0),
        )
        return self.server.sockets[0].getsockname()[1]

    async def session(self, process: Any) -> None:
        """One trainee's SSH session: the join app in a PTY, bytes passed both ways."""
        try:
            name = clean_name(process.get_extra_info("username") or "")
        except ProtocolError as error:
            message = f"cold-to-gold: your login name cannot be used: {error}\r\n"
            process.stdout.write(message.encode())
            process.exit(1)
            return
        width, height, *_ = process.term_size or (80, 24, 0, 0)
        import pty

        main, child_end = pty.openpty()
        _set_size(child_end, width, height)
        address = f"{self.hub.code}@127.0.0.1:{self.app_port}"
        env = child_environment(self.folder, TERM=process.term_type or "xterm-256color")
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "cold_to_gold", "join", address, f"--name={name}",
            stdin=child_end, stdout=child_end, stderr=child_end, env=env, cwd=self.folder,
            start_new_session=True,
        )  # fmt: skip
        os.close(child_end)
        loop = asyncio.get_running_loop()
        closed = asyncio.Event()

        def readable() -> None:
            try:
                data = os.read(main, 65536)
            except OSError:
                data = b""
            if not data:
                loop.remove_reader(main)
                closed.set()
                return
            with contextlib.suppress(Exception):  # the trainee's client went: the app ends
                process.stdout.write(data)

        loop.add_reader(main, readable)
        typing = asyncio.create_task(self._keys(process, main))
        ended = asyncio.create_task(closed.wait())
        try:
            # The app ends, or the trainee's SSH client goes (its keys end): either ends both.
            await asyncio.wait({typing, ended}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            typing.cancel()
            ended.cancel()
            loop.remove_reader(main)
            if child.returncode is None:
                child.terminate()
            try:
                await asyncio.wait_for(child.wait(), 3)
            except TimeoutError:
                child.kill()
                await child.wait()
            os.close(main)
            with contextlib.suppress(Exception):  # the client may be gone already
                process.exit(child.returncode or 0)

    async def _keys(self, process: Any, main: int) -> None:
        while True:
            try:
                data = await process.stdin.read(65536)
            except self.asyncssh.TerminalSizeChanged as change:
                _set_size(main, change.width, change.height)
                continue
            except (self.asyncssh.BreakReceived, self.asyncssh.SignalReceived):
                continue
            except (self.asyncssh.Error, OSError):
                return  # the connection is gone
            if not data:
                return
            with contextlib.suppress(OSError):
                os.write(main, data)

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
        shutil.rmtree(self.folder, ignore_errors=True)
