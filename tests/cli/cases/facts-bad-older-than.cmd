facts --older-than soon
