compare --all --format md --criteria real-time-communication@2023-02
