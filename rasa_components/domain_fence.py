"""The engine refuses, at start, a model whose domain would break conversations in progress.

A conversation in progress is a tracker in the shared tracker store: the slots it has filled,
the form it is in, the actions and intents of its latest turns, all named as the domain of the
model that served it. A new model reads that tracker with its own domain, and Rasa 3.6 drops a
slot it no longer knows (with the leader's answer in it), reads a slot whose type changed as the
new type, and cannot run a form or action it no longer has (tests/actions/test_domain_changes.py
shows each). So each engine records the domain of the model it serves in the tracker store's
database (table trivsel_served_domains; every engine of every machine shares it), keeps its row
fresh while it serves, and a new engine compares its model's domain with every recorded one that
served within the retention period (older conversations are purged, so none of them is left):
anything removed or retyped is refused with a message that says what and what to do.

A deliberate breaking release starts with TRIVSEL_BREAKING_MODEL=<the new model's id>, which the
refusal names: the engine then retires the recorded domains it breaks, so later engines compare
with the new one only. What that does to the conversations in progress: docs/operator.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import tarfile
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import sqlalchemy as sa
import yaml

from rasa_components import settings
from rasa_components.fence import Refusal

log = logging.getLogger(__name__)

OVERRIDE = "TRIVSEL_BREAKING_MODEL"
# How often a serving engine marks its row as still serving.
HEARTBEAT_S = 600
TABLE = "trivsel_served_domains"

Summary = Dict[str, Any]


class DomainBreaksConversations(Refusal):
    """The model's domain removes or retypes something a conversation in progress may hold."""


def summary(domain: Dict[str, Any]) -> Summary:
    """What a stored conversation may refer to, from a domain as Rasa writes it into the model
    (metadata.json): each slot with its type, each form with its required slots, the custom
    actions and responses, the intents. Texts are not in it: they may change freely."""
    from rasa.shared.core.domain import Domain

    parsed = Domain.from_dict(domain)
    return {
        "slots": {slot.name: slot.type_name for slot in parsed.slots},
        "forms": {form: list(parsed.required_slots_for_form(form)) for form in parsed.form_names},
        "actions": sorted(set(parsed.user_actions) | set(parsed.responses)),
        "intents": sorted(parsed.intents),
    }


def breaks(old: Summary, new: Summary) -> List[str]:
    """What in `new` breaks a conversation held under `old`, one plain line each; [] if nothing."""
    found = []
    for slot, kind in old["slots"].items():
        if slot not in new["slots"]:
            found.append(f"slot '{slot}' is removed (an answer stored in it would be dropped)")
        elif new["slots"][slot] != kind:
            found.append(f"slot '{slot}' changes type from {kind} to {new['slots'][slot]}")
    for form, required in old["forms"].items():
        if form not in new["forms"]:
            found.append(f"form '{form}' is removed (a conversation in it could not go on)")
            continue
        for slot in required:
            if slot not in new["forms"][form]:
                found.append(f"form '{form}' no longer asks '{slot}' (a conversation waiting on it would lose that answer)")
    found += [f"action '{a}' is removed" for a in old["actions"] if a not in new["actions"]]
    found += [f"intent '{i}' is removed" for i in old["intents"] if i not in new["intents"]]
    return found


def model_metadata(model: Path) -> Dict[str, Any]:
    """The model's metadata.json (its domain and id), read from the archive without unpacking the rest."""
    with tarfile.open(model, mode="r:gz") as archive:
        member = archive.extractfile("metadata.json")
        if member is None:
            raise Refusal(f"{model} holds no metadata.json: is it a model trained by Rasa 3.6?")
        return json.load(member)


def database_url(tracker_store: Optional[Dict[str, Any]]) -> Optional[str]:
    """The SQLAlchemy URL of the SQL tracker store in Rasa's endpoints, or None (no SQL store:
    no conversation outlives the engine, so there is nothing to compare with)."""
    kind = str((tracker_store or {}).get("type", ""))
    if tracker_store is None or (kind.lower() != "sql" and not kind.endswith("SQLTrackerStore")):
        return None
    from rasa.core.tracker_store import SQLTrackerStore

    return str(
        SQLTrackerStore.get_db_url(
            tracker_store.get("dialect", "sqlite"),
            tracker_store.get("url"),
            tracker_store.get("port"),
            tracker_store.get("db", "rasa.db"),
            tracker_store.get("username"),
            tracker_store.get("password"),
        )
    )


class ServedDomains:
    """The table of domains served, in the tracker store's database: one row per model id."""

    def __init__(self, url: str):
        self.engine = sa.create_engine(url)
        self.meta = sa.MetaData()
        self.table = sa.Table(
            TABLE,
            self.meta,
            sa.Column("model_id", sa.String(255), primary_key=True),
            sa.Column("summary", sa.Text, nullable=False),
            sa.Column("first_served", sa.Float, nullable=False),
            sa.Column("last_served", sa.Float, nullable=False),
            sa.Column("retired", sa.Float),  # when a breaking release (the override) replaced it
        )
        try:
            self.meta.create_all(self.engine, checkfirst=True)
        except sa.exc.DBAPIError:
            # Two Rasa servers starting on an empty database (`make run` starts two) race between the
            # check and the create: the one that lost finds the table made, and goes on.
            if not sa.inspect(self.engine).has_table(TABLE):
                raise

    def serving(self, since: float) -> Dict[str, Summary]:
        """Model id -> summary of every domain not retired that served since `since`."""
        t = self.table
        query = sa.select(t.c.model_id, t.c.summary).where(t.c.retired.is_(None), t.c.last_served >= since)
        with self.engine.connect() as connection:
            return {row.model_id: json.loads(row.summary) for row in connection.execute(query)}

    def record(self, model_id: str, found: Summary, now: float) -> None:
        """This model serves from now on (again, if a breaking release had retired it)."""
        t = self.table
        refresh = t.update().where(t.c.model_id == model_id).values(last_served=now, retired=None)
        with self.engine.begin() as connection:
            if connection.execute(refresh).rowcount:
                return
        row = {"model_id": model_id, "summary": json.dumps(found, sort_keys=True), "first_served": now, "last_served": now}
        try:
            with self.engine.begin() as connection:
                connection.execute(t.insert().values(**row))
        except sa.exc.IntegrityError:  # another engine of this model recorded it just now
            with self.engine.begin() as connection:
                connection.execute(refresh)

    def retire(self, model_ids: Sequence[str], now: float) -> None:
        t = self.table
        with self.engine.begin() as connection:
            connection.execute(t.update().where(t.c.model_id.in_(list(model_ids))).values(retired=now))

    def still_serving(self, model_id: str, now: float) -> None:
        t = self.table
        with self.engine.begin() as connection:
            connection.execute(t.update().where(t.c.model_id == model_id, t.c.retired.is_(None)).values(last_served=now))


def retention_s() -> float:
    return settings.load().retention_days * 86400


def check(
    model: Path, endpoints: Optional[Path], override: str = "", now: Optional[float] = None
) -> Optional[Tuple[ServedDomains, str]]:
    """Refuses (DomainBreaksConversations) a model whose domain breaks a domain still serving
    conversations; else records it as served: the table and the model's id (None without an SQL store)."""
    config = yaml.safe_load(endpoints.read_text(encoding="utf-8")) if endpoints and endpoints.exists() else {}
    url = database_url((config or {}).get("tracker_store"))
    if url is None:
        return None
    now = time.time() if now is None else now
    metadata = model_metadata(model)
    model_id, found = metadata["model_id"], summary(metadata["domain"])
    served = ServedDomains(url)
    broken = {
        other: lines
        for other, old in served.serving(now - retention_s()).items()
        if other != model_id and (lines := breaks(old, found))
    }
    if broken and override != model_id:
        details = "\n".join(
            f"  against model {other}:\n" + "\n".join(f"    - {line}" for line in lines) for other, lines in broken.items()
        )
        raise DomainBreaksConversations(
            f"The model {model} (id {model_id}) would break conversations in progress: its domain removes or "
            f"changes what the domain of a model still serving them has.\n{details}\n"
            "Keep what is listed (add new slots, intents, actions and texts beside the old ones; retire the old "
            "ones in a later release, once no conversation can be in them: after TRIVSEL_RETENTION_DAYS), or, "
            f"for a deliberate breaking release, start every engine with {OVERRIDE}={model_id}: conversations "
            "in progress may then lose answers or stop (docs/operator.md, 'Upgrading')."
        )
    if broken:
        log.warning("%s: breaking release started; the domains of models %s are retired", OVERRIDE, ", ".join(broken))
        served.retire(list(broken), now)
    served.record(model_id, found, now)
    return served, model_id


def _arguments(command: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--model", "-m", default="models")
    parser.add_argument("--endpoints", default="endpoints.yml")
    return parser.parse_known_args(list(command))[0]


def at_start(command: Sequence[str]) -> None:
    """For `rasa run ...`: check the model named by --model against the store in --endpoints, and
    keep this model's row fresh while the engine serves (a daemon thread)."""
    if list(command[1:2]) == ["actions"]:
        return  # `run actions`: the action server holds no model
    args = _arguments(command[1:])
    model = Path(args.model)
    if model.is_dir():  # Rasa's default: the newest model in the folder
        candidates = sorted(model.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
        if not candidates:
            return  # Rasa itself says there is no model
        model = candidates[-1]
    checked = check(model, Path(args.endpoints), settings.load().breaking_model)
    if checked is None:
        return
    served, model_id = checked

    def heartbeat() -> None:
        while True:
            time.sleep(HEARTBEAT_S)
            try:
                served.still_serving(model_id, time.time())
            except sa.exc.SQLAlchemyError as error:  # the database away for a moment: try again later
                log.warning("could not mark the served domain as still serving: %s", type(error).__name__)

    threading.Thread(target=heartbeat, name="domain-fence", daemon=True).start()
