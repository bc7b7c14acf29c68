list --format csv -c real-time-communication@2023-02
