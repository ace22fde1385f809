# Activate this unpacked environment (made by Terrarium in conda-pack's layout) in the current shell:
#     source <env>/bin/activate
# Works in bash and zsh from anywhere, and in other POSIX shells once bin/conda-unpack has run.
# Undo with `source <env>/bin/deactivate` (or just `deactivate`).
if [ -n "${BASH_SOURCE:-}" ]; then
    _conda_pack_prefix=$(cd "$(dirname "${BASH_SOURCE}")/.." && pwd)
elif [ -n "${ZSH_VERSION:-}" ]; then
    _conda_pack_prefix=$(cd "$(dirname "${(%):-%x}")/.." && pwd)
else
    # a POSIX sh (dash, ash) cannot tell a sourced script where it is: use the location conda-unpack wrote here
    _conda_pack_prefix='__TERRARIUM_PACKED_PREFIX__'
fi

if [ -n "${CONDA_PREFIX:-}" ] && command -v deactivate >/dev/null 2>&1; then
    deactivate
fi

_CONDA_PACK_OLD_PATH="$PATH"
_CONDA_PACK_OLD_PS1="${PS1:-}"
export CONDA_PREFIX="$_conda_pack_prefix"
export CONDA_DEFAULT_ENV="$_conda_pack_prefix"
export PATH="$_conda_pack_prefix/bin:$PATH"
PS1="($(basename "$_conda_pack_prefix")) ${PS1:-}"
unset _conda_pack_prefix

deactivate() {
    . "$CONDA_PREFIX/bin/deactivate"
}

if [ -d "$CONDA_PREFIX/etc/conda/activate.d" ]; then
    for _conda_pack_hook in "$CONDA_PREFIX"/etc/conda/activate.d/*.sh; do
        [ -f "$_conda_pack_hook" ] && . "$_conda_pack_hook"
    done
    unset _conda_pack_hook
fi
hash -r 2>/dev/null || true
