show simplexchat
