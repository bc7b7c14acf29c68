compare --all --criteria real-time-communication@2024-02
