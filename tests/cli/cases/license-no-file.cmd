license
