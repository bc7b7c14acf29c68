list --criteria 2023-02
