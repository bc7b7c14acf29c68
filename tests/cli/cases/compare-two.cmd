compare signal session --criteria real-time-communication@2023-02
