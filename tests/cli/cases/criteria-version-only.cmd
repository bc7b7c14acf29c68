list --criteria 2024-02
