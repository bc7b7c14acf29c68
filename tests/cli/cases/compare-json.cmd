compare --all --format json --criteria real-time-communication@2024-02
