list --changes --out tests/golden/site --criteria real-time-communication@2024-02
