compare --all --format md --criteria real-time-communication@2024-02
