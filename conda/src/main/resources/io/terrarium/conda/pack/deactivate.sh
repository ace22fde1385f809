# Deactivate an environment activated with <env>/bin/activate (made by Terrarium in conda-pack's layout):
#     source <env>/bin/deactivate
if [ -n "${CONDA_PREFIX:-}" ] && [ -d "$CONDA_PREFIX/etc/conda/deactivate.d" ]; then
    for _conda_pack_hook in "$CONDA_PREFIX"/etc/conda/deactivate.d/*.sh; do
        [ -f "$_conda_pack_hook" ] && . "$_conda_pack_hook"
    done
    unset _conda_pack_hook
fi
if [ -n "${_CONDA_PACK_OLD_PATH+set}" ]; then
    PATH="$_CONDA_PACK_OLD_PATH"
    export PATH
    PS1="$_CONDA_PACK_OLD_PS1"
    unset _CONDA_PACK_OLD_PATH _CONDA_PACK_OLD_PS1
fi
unset CONDA_PREFIX CONDA_DEFAULT_ENV
unset -f deactivate 2>/dev/null || true
hash -r 2>/dev/null || true
