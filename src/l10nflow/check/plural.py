"""gettext ``Plural-Forms`` expressions: parsed safely and compared by what they compute.

Two headers agree when they declare the same ``nplurals`` and their ``plural``
expressions give the same form for every n in a test range: Poedit's Arabic
``n%100>=11 ? 4 : 5`` equals babel's ``n % 100 >= 11 && n % 100 <= 99 ? 4 : 5``.
The expression language is C's (``n``, integers, ``! % * / + - < <= > >= == !=
&& || ?:`` and parentheses); it is parsed by a small recursive-descent parser,
never evaluated with ``eval``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

Expr = Callable[[int], int]

_TOKEN = re.compile(r"\s*(\d+|n|&&|\|\||[=!<>]=|[-+*/%<>!?:()])")
_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.DOTALL)
_SAMPLES = (*range(0, 1001), 1100, 10_000, 100_000, 1_000_000, 1_000_001, 1_000_002)
_MAX_LENGTH = 400

_BINARY: list[dict[str, Callable[[int, int], int]]] = [  # lowest precedence first
    {"||": lambda a, b: int(bool(a) or bool(b))},
    {"&&": lambda a, b: int(bool(a) and bool(b))},
    {"==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b)},
    {
        "<": lambda a, b: int(a < b),
        "<=": lambda a, b: int(a <= b),
        ">": lambda a, b: int(a > b),
        ">=": lambda a, b: int(a >= b),
    },
    {"+": lambda a, b: a + b, "-": lambda a, b: a - b},
    {"*": lambda a, b: a * b, "/": lambda a, b: _c_div(a, b), "%": lambda a, b: _c_mod(a, b)},
]


def _c_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _c_mod(a: int, b: int) -> int:
    return a - b * _c_div(a, b)


class PluralSyntaxError(ValueError):
    """A Plural-Forms value that is not ``nplurals=N; plural=EXPR;``."""


class _Parser:
    def __init__(self, text: str):
        self.tokens = self._tokenize(text)
        self.pos = 0

    @staticmethod
    def _tokenize(text: str) -> list[str]:
        tokens: list[str] = []
        pos = 0
        text = text.rstrip()
        while pos < len(text):
            match = _TOKEN.match(text, pos)
            if not match:
                raise PluralSyntaxError(f"unexpected {text[pos:].strip()[:10]!r}")
            tokens.append(match.group(1))
            pos = match.end()
        return tokens

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise PluralSyntaxError(f"expected {expected or 'more'} in plural expression")
        self.pos += 1
        return token

    def parse(self) -> Expr:
        expr = self.ternary()
        if self.peek() is not None:
            raise PluralSyntaxError(f"unexpected {self.peek()!r} in plural expression")
        return expr

    def ternary(self) -> Expr:
        condition = self.binary(0)
        if self.peek() != "?":
            return condition
        self.take("?")
        then = self.ternary()
        self.take(":")
        otherwise = self.ternary()
        return lambda n: then(n) if condition(n) else otherwise(n)

    def binary(self, level: int) -> Expr:
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _BINARY[level]:
            apply = _BINARY[level][self.take()]
            right = self.binary(level + 1)
            left = _combine(apply, left, right)
        return left

    def unary(self) -> Expr:
        token = self.take()
        if token == "!":
            inner = self.unary()
            return lambda n: int(not inner(n))
        if token == "-":
            inner = self.unary()
            return lambda n: -inner(n)
        if token == "(":
            inner = self.ternary()
            self.take(")")
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        raise PluralSyntaxError(f"unexpected {token!r} in plural expression")


def _combine(apply: Callable[[int, int], int], left: Expr, right: Expr) -> Expr:
    return lambda n: apply(left(n), right(n))


@lru_cache(maxsize=256)
def parse_plural_forms(header: str) -> tuple[int, Expr]:
    """``(nplurals, plural)`` from a Plural-Forms value; raise :class:`PluralSyntaxError`."""
    match = _HEADER.match(header)
    if not match or len(header) > _MAX_LENGTH:
        raise PluralSyntaxError("not of the form 'nplurals=N; plural=EXPR;'")
    try:
        return int(match.group(1)), _Parser(match.group(2)).parse()
    except RecursionError:
        raise PluralSyntaxError("plural expression nested too deeply") from None


@lru_cache(maxsize=256)
def same_plural_forms(first: str, second: str) -> bool:
    """Whether two Plural-Forms values declare the same forms (raise if one is malformed)."""
    count_a, plural_a = parse_plural_forms(first)
    count_b, plural_b = parse_plural_forms(second)
    if count_a != count_b:
        return False
    try:
        return all(plural_a(n) == plural_b(n) for n in _SAMPLES)
    except (ZeroDivisionError, RecursionError):
        return False
