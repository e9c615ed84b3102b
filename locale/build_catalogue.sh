#!/usr/bin/env bash
# Refresh locale/id/LC_MESSAGES/django.po from the code and fill it from the per-area fragments in
# locale/fragments/ (the Indonesian written by whoever wrote the strings), then compile it.
# Needs GNU gettext (msgcat, msgmerge, msgfmt). The compiled .mo is committed, so running the site
# does not need gettext.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/python manage.py makemessages -l id --ignore=.venv --ignore=bench --ignore=tests >/dev/null
for f in locale/fragments/*.po; do
  printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' > "$tmp/$(basename "$f")"
  cat "$f" >> "$tmp/$(basename "$f")"
done
msgcat --use-first "$tmp"/*.po -o "$tmp/fragments.po"
po=locale/id/LC_MESSAGES/django.po
# Keep the header makemessages wrote; take every translation the fragments have.
# Start from the code's msgids with no translation at all: makemessages guesses "fuzzy" translations
# from similar strings (it once turned "viewer" into "Newer"), and those must never ship.
msgfilter --keep-header -i "$po" -o "$tmp/template.po" sed -e d
msgattrib --clear-fuzzy --clear-previous --no-obsolete "$tmp/template.po" -o "$tmp/template.po"
msgmerge -q --no-fuzzy-matching --no-location "$tmp/fragments.po" "$tmp/template.po" -o "$tmp/merged.po"
awk '/^msgid ""$/ {h=1} h {print} h && /^$/ {exit}' "$po" > "$tmp/header.po"
sed '1,/^$/d' "$tmp/merged.po" > "$tmp/body.po"
cat "$tmp/header.po" "$tmp/body.po" | sed 's/^"Language: \\n"$/"Language: id\\n"/; s/^"Plural-Forms: .*"$/"Plural-Forms: nplurals=1; plural=0;\\n"/; s/^"Content-Type: text\/plain; charset=CHARSET\\n"$/"Content-Type: text\/plain; charset=UTF-8\\n"/' > "$po"
missing=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid' || true)
echo "untranslated entries: $((missing > 0 ? missing - 1 : 0))"
.venv/bin/python manage.py compilemessages -l id --ignore=.venv >/dev/null
