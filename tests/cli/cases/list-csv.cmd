list --format csv -c real-time-communication@2024-02
