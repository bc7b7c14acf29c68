list --format md
