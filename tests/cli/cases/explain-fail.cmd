explain element forward-secrecy --criteria real-time-communication@2024-02
