compare --all --format json --criteria real-time-communication@2023-02
