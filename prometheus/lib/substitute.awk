# Literal (not regex) substitution driven by a map file of "FROM => TO" lines, so that host names,
# paths and URLs need no escaping. Blank lines and lines starting with # in the map are ignored;
# @ROOT@ in a TO value becomes the variable `root`, and \n in FROM or TO is a line break, so one map
# line can replace a block of lines (the Fly variant swaps static targets for DNS discovery).
# Usage: awk -v root=DIR -f substitute.awk MAP [MAP...] INPUT   (the last file is the input)
FILENAME != ARGV[ARGC - 1] {
    if ($0 ~ /^[[:space:]]*(#|$)/) next
    sep = index($0, " => ")
    if (sep == 0) { printf "%s:%d: expected 'FROM => TO'\n", FILENAME, FNR > "/dev/stderr"; exit 2 }
    to = substr($0, sep + 4)
    gsub(/@ROOT@/, root, to)
    from = substr($0, 1, sep - 1)
    gsub(/\\n/, "\n", from); gsub(/\\n/, "\n", to)
    n++; from_[n] = from; to_[n] = to
    next
}
{ text = lines++ ? text "\n" $0 : $0 }
END {
    if (!lines) exit
    # Each map line in order, over the whole text: a later line sees what the earlier ones wrote.
    for (i = 1; i <= n; i++) {
        out = ""
        while ((p = index(text, from_[i])) > 0) {
            out = out substr(text, 1, p - 1) to_[i]
            text = substr(text, p + length(from_[i]))
        }
        text = out text
    }
    print text
}
