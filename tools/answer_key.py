"""Write the instructor guide's answer key from the lessons' own questions and engines.

python tools/answer_key.py          # rewrite the key in notebooks/instructor_guide.md
python tools/answer_key.py --check  # exit 1, saying what to run, if the key is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from widgets.classroom.answer_key import updated

GUIDE = Path(__file__).resolve().parents[1] / "notebooks" / "instructor_guide.md"


def main(argv: list[str]) -> int:
    text = GUIDE.read_text(encoding="utf-8")
    try:
        new = updated(text, GUIDE.name)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    if "--check" in argv:
        if new != text:
            print(f"{GUIDE.name}: the answer key is out of date; run `make answer-key`.")
            return 1
        print(f"{GUIDE.name}: the answer key matches the lessons.")
        return 0
    if new != text:
        GUIDE.write_text(new, encoding="utf-8")
        print(f"{GUIDE.name}: answer key rewritten.")
    else:
        print(f"{GUIDE.name}: answer key already up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
