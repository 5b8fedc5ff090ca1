"""Why an answer matched, in words a reader sees: the question's words marked in a sentence."""

from __future__ import annotations

from .lexical import query_tokens


def matched_spans(sentence: str, question: str) -> list[tuple[str, bool]]:
    """``sentence`` cut into (text, matched) pieces: the question's words of two characters or
    more, longest first, are the matched pieces. The pieces joined give the sentence back."""
    words = sorted({w for w in query_tokens(question) if len(w) >= 2}, key=len, reverse=True)
    pieces: list[tuple[str, bool]] = []
    i = 0
    while i < len(sentence):
        word = next((w for w in words if sentence.startswith(w, i)), None)
        if word:
            pieces.append((word, True))
            i += len(word)
        else:
            if pieces and not pieces[-1][1]:
                pieces[-1] = (pieces[-1][0] + sentence[i], False)
            else:
                pieces.append((sentence[i], False))
            i += 1
    return pieces
