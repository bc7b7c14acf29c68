explain threema placement --criteria real-time-communication@2024-02
