"""Per-article extraction: a pure function of (article text, published date, reference data).

Nothing here reads files or the database, so the same function runs in a worker process, a
Dask bag or a test. One module per kind of fact:

- ``people``: people, organisations and places named, with their mentions;
- ``quotes``: quoted and reported statements and who said them (``speakers``: who a phrase
  names as the speaker);
- ``dates``: Indonesian date expressions;
- ``meetings``: sentences that report a meeting, with participants, place and date.
"""
from ..reference import Reference
from ..text import split_sentences
from .meetings import find_meeting_reports
from .people import find_organizations, find_people, find_places
from .quotes import find_quotes
from .speakers import speaking_states


def extract_article(body: str, published: str | None, ref: Reference) -> dict:
    """Everything the article says, as records with evidence offsets into ``body``.

    Returns ``{"people": {id: person}, "mentions": [...], "organizations": [...],
    "places": [...], "quotes": [...], "meeting_reports": [...]}``.
    """
    sentences = split_sentences(body)
    people, mentions = find_people(body, sentences, ref)
    organizations = find_organizations(body, sentences, ref)
    places = [_with_city(place, ref) for place in find_places(body, sentences, ref)]
    quotes = find_quotes(body, sentences, mentions, organizations, places, ref.state_by_country)
    # Relative dates ("bulan lalu") are read against the published date, or failing that the
    # latest full date the article itself states.
    meeting_reports = find_meeting_reports(body, sentences, mentions, places, organizations,
                                           anchor=published, people=people, quotes=quotes)
    # A state that speaks through its country's name (`Rusia mengatakan`) is mentioned there.
    organizations = sorted(organizations + speaking_states(
        body, sentences, quotes, organizations, ref.state_by_country), key=lambda o: o["start"])
    return {"people": people, "mentions": mentions, "organizations": organizations,
            "places": places, "quotes": quotes, "meeting_reports": meeting_reports}


def _with_city(place: dict, ref: Reference) -> dict:
    """A place mention with the city a site is in (``city_id``, ``city``: its name), or None."""
    city_id = ref.places[place["place_id"]].get("city_id")
    return {**place, "city_id": city_id, "city": ref.places[city_id]["name"] if city_id else None}
