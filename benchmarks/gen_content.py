"""Generate synthetic content folders for benchmarks: many resources with realistic fields.

    python benchmarks/gen_content.py 10000 /tmp/metanav-10k
    metanav --data /tmp/metanav-10k

The output is a content folder usable as ``--data DIR``: a ``resources.yaml`` only (no topics or
questions), whose resources refer to bundled topic ids. It is deterministic: the same count and
seed give byte-identical files (as long as the bundled topic ids are the same).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from metanav.content.model import KINDS, LANGUAGES  # noqa: E402

GENERATOR_VERSION = 1
DEFAULT_SEED = 20261124

# Topic ids resources point at most often (kept only if the bundle has them).
PREFERRED_TOPICS = (
    "what-is-metastatic-cancer",
    "coping-and-support",
    "money-worries",
    "where-it-spreads",
    "treatment-overview",
    "palliative-care",
    "hospice",
    "pain",
    "care-team",
    "living-well",
    "supportive-care",
    "goals-of-treatment",
)

_PLACES = (
    "Springfield", "Riverside", "Fairview", "Madison", "Georgetown", "Clinton", "Salem",
    "Franklin", "Greenville", "Bristol", "Oakland", "Lakewood", "Ashland", "Milton", "Dayton",
    "Kingston", "Lincoln", "Jackson", "Marion", "Newport", "Auburn", "Dover", "Hudson", "Troy",
    "El Paso", "San José", "Santa Fe", "Las Cruces", "Ponce", "Mayagüez", "Laredo", "Yuma",
)
_ORG_KINDS = (
    "Cancer Center", "Community Hospital", "Cancer Support Network", "Hospice", "Library",
    "Health Department", "Family Services", "Patient Navigation Program", "Oncology Clinic",
    "Cancer Alliance", "Faith Community Nurses", "Legal Aid Society", "Food Bank",
    "Rides to Care", "Caregiver Circle", "Palliative Care Team", "Social Work Office",
)
_ORG_ES = (
    "Centro de Cáncer", "Red de Apoyo", "Hospital Comunitario", "Servicios para Familias",
    "Programa de Navegación", "Clínica de Oncología", "Cuidados Paliativos",
)
_NAME_BY_KIND = {
    "information": (
        "Facts about {t}", "A guide to {t}", "{t}: questions and answers", "Learning about {t}",
        "Reading list on {t}", "{t} in plain words",
    ),
    "emotional-support": (
        "Talking about {t}", "Support when you face {t}", "Counseling for {t}",
        "One-on-one support: {t}",
    ),
    "support-group": (
        "{p} support group", "Monthly group on {t}", "Caregivers' group, {p}",
        "Online group: living with {t}",
    ),
    "helpline": ("{p} cancer helpline", "Call line for {t}", "Nurse line, {p}"),
    "financial": (
        "Help paying for care in {p}", "Money help: {t}", "Travel and lodging grants",
        "Help with bills and rent",
    ),
    "video": ("Video: {t}", "Short films on {t}", "Watch: a doctor explains {t}"),
}
_NAME_ES = (
    "Información sobre {t}", "Grupo de apoyo en {p}", "Línea de ayuda de {p}",
    "Ayuda con los gastos", "Video: {t}",
)
_SUBJECTS = (
    "metastatic cancer", "bone metastases", "brain metastases", "liver metastases",
    "pain", "fatigue", "hospice care", "palliative care", "clinical trials", "scans and tests",
    "talking with your doctor", "home care", "nutrition", "sleep", "advance care planning",
    "work and cancer", "children and cancer", "caregiving", "grief",
)
_SUBJECTS_ES = ("el cáncer metastásico", "el dolor", "los cuidados paliativos", "la fatiga")
_VERBS = (
    "explains", "helps you plan for", "offers free help with", "answers common questions about",
    "gives tips on", "connects you with others facing", "lists local help for",
)
_DESC_TAIL = (
    "in plain words.", "for patients and families.", "by phone or online.", "at no cost.",
    "in English and Spanish.", "with a nurse or social worker.", "near {p}.",
)
_DESC_ES = (
    "Información en español sobre {t}.", "Ayuda gratis para pacientes y familias en {p}.",
    "Un grupo que se reúne cada mes en {p}.",
)
_PHONE_NOTES = (
    "Weekdays, 9 a.m. to 5 p.m.", "24 hours a day, 7 days a week", "Leave a message after hours",
    "Spanish speakers available", "Free call", "Mondays and Thursdays",
)


def bundled_topic_ids() -> list[str]:
    """Topic ids of the bundled content (file names, which are the ids by convention)."""
    from metanav.content.load import bundled_data_dir

    ids = sorted(p.stem for p in (bundled_data_dir() / "topics").glob("*.yaml"))
    return ids or ["what-is-metastatic-cancer"]


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(c if c.isalnum() else "-" for c in plain.lower())
    return "-".join(part for part in out.split("-") if part)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def generate(count: int, seed: int = DEFAULT_SEED, topics: list[str] | None = None) -> str:
    """The text of a ``resources.yaml`` with ``count`` synthetic resources."""
    rng = random.Random(seed)
    topics = topics or bundled_topic_ids()
    preferred = [t for t in PREFERRED_TOPICS if t in topics] or topics
    kinds = list(KINDS)
    others = [code for code in LANGUAGES if code not in ("en", "es")]
    lines = [
        f"# Synthetic benchmark content: {count} resources (seed {seed}, generator v{GENERATOR_VERSION}).",
        "# Made by benchmarks/gen_content.py. Not real organisations.",
        "resources:",
    ]
    append = lines.append
    for n in range(1, count + 1):
        roll = rng.random()
        language = "en" if roll < 0.7 else "es" if roll < 0.9 else rng.choice(others)
        place = rng.choice(_PLACES)
        kind_list = [rng.choice(kinds)]
        if rng.random() < 0.3:
            extra = rng.choice(kinds)
            if extra not in kind_list:
                kind_list.append(extra)
        if language == "es":
            subject = rng.choice(_SUBJECTS_ES)
            name = rng.choice(_NAME_ES).format(t=subject, p=place)
            organisation = f"{rng.choice(_ORG_ES)} de {place}"
            description = rng.choice(_DESC_ES).format(t=subject, p=place)
        else:
            subject = rng.choice(_SUBJECTS)
            name = rng.choice(_NAME_BY_KIND[kind_list[0]]).format(t=subject, p=place)
            name = name[0].upper() + name[1:]
            organisation = f"{place} {rng.choice(_ORG_KINDS)}"
            tail = rng.choice(_DESC_TAIL).format(p=place)
            description = f"This {kind_list[0].replace('-', ' ')} service {rng.choice(_VERBS)} {subject} {tail}"
            if language != "en":
                description += f" Offered in {LANGUAGES[language].split(' (')[0]}."
        has_url = rng.random() < 0.85
        has_phone = not has_url or rng.random() < 0.5
        append(f"  - id: R-SYN-{n:06d}")
        append(f"    name: {_q(name)}")
        append(f"    organisation: {_q(organisation)}")
        append(f"    kinds: [{', '.join(kind_list)}]")
        append(f"    language: {language}")
        if has_url:
            host = _slug(organisation)[:40].strip("-") or "example"
            path = _slug(name)[:48].strip("-")
            append(f"    url: https://www.{host}.example.org/{path}/{n}")
        if has_phone:
            area = rng.randint(201, 989)
            append(f"    phone: {area}-555-{rng.randint(0, 9999):04d}")
            if rng.random() < 0.5:
                append(f"    phone_note: {_q(rng.choice(_PHONE_NOTES))}")
        append(f"    description: {_q(description)}")
        picked = sorted(set(rng.choices(preferred, k=rng.randint(0, 3))), key=topics.index)
        append(f"    topics: [{', '.join(picked)}]")
    append("")
    return "\n".join(lines)


def write_folder(count: int, folder: Path, seed: int = DEFAULT_SEED) -> Path:
    """Write a content folder with ``count`` resources; reuse it if it is already there."""
    topics = bundled_topic_ids()
    stamp = f"v{GENERATOR_VERSION} n={count} seed={seed} topics={','.join(topics)}\n"
    stamp_file = folder / ".generated"
    target = folder / "resources.yaml"
    try:
        if stamp_file.read_text() == stamp and target.is_file():
            return folder
    except OSError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".yaml.tmp")
    tmp.write_text(generate(count, seed, topics), encoding="utf-8")
    tmp.replace(target)
    stamp_file.write_text(stamp)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("count", type=int, help="number of resources (e.g. 10000 or 100000)")
    parser.add_argument("folder", type=Path, help="where to write the content folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    folder = write_folder(args.count, args.folder, args.seed)
    size = (folder / "resources.yaml").stat().st_size
    print(f"{folder}: {args.count} resources, {size / 1e6:.1f} MB of YAML")
    return 0


if __name__ == "__main__":
    sys.exit(main())
