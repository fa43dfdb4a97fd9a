"""An in-process Learning Record Store that answers as real ones do.

401 without the right credentials; POST of new statements: 200 with their ids;
a POST whose statements are all stored already, identical: 204; any statement
whose id is stored with different content: 409 (PUT answers the same way, one
statement at a time). `fail_after_store` stores a batch and then answers 500,
as when the answer is lost on the way back.
"""

from __future__ import annotations

import base64
import json

from aiohttp import web

KEY, SECRET = "cold", "gold"


class StubLrs:
    def __init__(self) -> None:
        self.stored: dict[str, dict] = {}
        self.requests: list[tuple[str, int]] = []
        self.fail_after_store = 0

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/xapi/statements", self.post)
        app.router.add_put("/xapi/statements", self.put)
        return app

    def _authorised(self, request: web.Request) -> bool:
        expected = "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
        return request.headers.get("Authorization") == expected

    def _store(self, statements: list[dict]) -> int:
        """The status for these statements, storing the new ones when none conflicts."""
        for statement in statements:
            held = self.stored.get(statement["id"])
            if held is not None and held != statement:
                return 409
        if all(statement["id"] in self.stored for statement in statements):
            return 204
        for statement in statements:
            self.stored.setdefault(statement["id"], statement)
        return 200

    async def post(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return self._answer("POST", web.Response(status=401))
        body = json.loads(await request.text())
        statements = body if isinstance(body, list) else [body]
        status = self._store(statements)
        if status == 200 and self.fail_after_store:
            self.fail_after_store -= 1
            return self._answer("POST", web.Response(status=500))
        if status == 200:
            return self._answer("POST", web.json_response([s["id"] for s in statements]))
        return self._answer("POST", web.Response(status=status))

    async def put(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return self._answer("PUT", web.Response(status=401))
        statement = json.loads(await request.text())
        if statement.get("id") != request.query.get("statementId"):
            return self._answer("PUT", web.Response(status=400))
        status = self._store([statement])
        return self._answer("PUT", web.Response(status=204 if status == 200 else status))

    def _answer(self, method: str, response: web.Response) -> web.Response:
        self.requests.append((method, response.status))
        return response
