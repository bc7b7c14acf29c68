explain element forward-secrecy --criteria real-time-communication@2023-02
