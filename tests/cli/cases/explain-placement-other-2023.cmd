explain element placement --criteria real-time-communication@2023-02
